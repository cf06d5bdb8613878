using Coffer.Core.Accounts;
using Coffer.Crypto.Wrapping;

namespace Coffer.Core.Hosting;

/// <summary>An opened data folder: the verified root key, and on first start the admin pair to print once.</summary>
public sealed record StartupResult(RootKey RootKey, AccountId? NewAccount, string? NewAccessKeyId, string? NewAccessKeySecret)
{
    /// <inheritdoc />
    public override string ToString() => $"StartupResult {{ Initialised = {NewAccount is not null} }}";
}
