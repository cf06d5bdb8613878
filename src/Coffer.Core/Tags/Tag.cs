namespace Coffer.Core.Tags;

/// <summary>A tag on a key or secret.</summary>
public sealed record Tag(string Key, string Value);
