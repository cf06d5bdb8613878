namespace Coffer.Core.Keys;

/// <summary>A key version's identifier: a lower-case GUID, 36 ASCII characters (the blob prefix).</summary>
public readonly record struct KeyVersionId(string Value)
{
    /// <summary>A new random identifier.</summary>
    public static KeyVersionId New() => new(Guid.NewGuid().ToString("D"));

    /// <inheritdoc />
    public override string ToString() => Value;
}
