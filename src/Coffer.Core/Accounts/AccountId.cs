namespace Coffer.Core.Accounts;

/// <summary>An account's 16-digit UID, as used in ARNs and as the Creator of keys.</summary>
public readonly record struct AccountId(string Value)
{
    /// <inheritdoc />
    public override string ToString() => Value;
}
