using Coffer.Core.Accounts;
using Coffer.Crypto;
using Coffer.Crypto.Wrapping;

namespace Coffer.Core.Access;

/// <summary>Makes AccessKey pairs: an ID and a secret, the secret stored only wrapped under the root key.</summary>
public static class AccessKeyFactory
{
    private const string Alphanumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>The AAD of a wrapped AccessKey secret.</summary>
    // Security: binding the id stops a wrapped secret being moved to another AccessKey row.
    public static string Label(string accessKeyId) => $"coffer:access-key:v1|{accessKeyId}";

    /// <summary>
    /// A new pair for <paramref name="account"/>'s administrator, or for its user <paramref name="userName"/>: random
    /// unless <paramref name="id"/> and <paramref name="secret"/> are given (the bootstrap pair for scripts). Returns
    /// the stored form and the secret to show once.
    /// </summary>
    public static (AccessKey Stored, string Secret) Create(
        RootKey root, AccountId account, DateTimeOffset now, string? id = null, string? secret = null, string? userName = null)
    {
        id ??= "LTAI" + CryptoRandom.Text(20, Alphanumeric);
        secret ??= CryptoRandom.Text(30, Alphanumeric);
        var wrapped = root.Wrap(System.Text.Encoding.UTF8.GetBytes(secret), Label(id));
        return (new AccessKey(id, account, wrapped, Enabled: true, now, Revision: 1) { UserName = userName }, secret);
    }

    /// <summary>The secret of a stored AccessKey, or null when it does not unwrap under <paramref name="root"/>.</summary>
    public static byte[]? UnwrapSecret(RootKey root, AccessKey accessKey) => root.TryUnwrap(accessKey.WrappedSecret, Label(accessKey.Id));
}
