namespace Coffer.Bench;

/// <summary>One Encrypt cell of the scale run: the key spread, its rate, the material cache's hit rate, memory after it.</summary>
internal sealed record ScaleCell(string Spread, double Throughput, double HitRate, long WorkingSetBytes, long ManagedHeapBytes);
