namespace Coffer.Core.Keys;

/// <summary>A stored key's identifier: a lower-case GUID.</summary>
public readonly record struct KeyId(string Value)
{
    /// <summary>A new random identifier.</summary>
    public static KeyId New() => new(Guid.NewGuid().ToString("D"));

    /// <inheritdoc />
    public override string ToString() => Value;
}
