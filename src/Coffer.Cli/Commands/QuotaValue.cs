namespace Coffer.Cli.Commands;

/// <summary>One quota as given: a count, or null for the server's setting.</summary>
internal sealed record QuotaValue(int? Count);
