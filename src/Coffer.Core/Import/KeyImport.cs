using System.Text;
using Coffer.Core.Accounts;
using Coffer.Core.Keys;
using Coffer.Crypto.Wrapping;

namespace Coffer.Core.Import;

/// <summary>The rules of bring-your-own-key import shared by CreateKey, the import calls and the scheduler.</summary>
public static class KeyImport
{
    /// <summary>How long an ImportToken and its wrapping key pair stay valid (ALIYUN_KMS_API.md §3.7).</summary>
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(24);

    private const string FingerprintPurpose = "import-material-fingerprint";

    /// <summary>
    /// The fingerprint that recognises a re-import of the same material: HMAC-SHA-256 under a root-derived key, bound to
    /// the account and key (so equal material in two keys gives unrelated fingerprints).
    /// </summary>
    // Security: never the material and never a plain hash of it (DECISIONS.md "Imported material"); 16-byte SM4 or
    // AES-128 material would fall to a dictionary of hashes, not to a keyed MAC.
    public static byte[] Fingerprint(RootKey root, AccountId account, KeyId key, ReadOnlySpan<byte> material) =>
        root.Mac(FingerprintPurpose, FingerprintMessage(account, key, material));

    /// <summary>Whether <paramref name="material"/> is the material <paramref name="fingerprint"/> was made from; constant time.</summary>
    public static bool MatchesFingerprint(RootKey root, AccountId account, KeyId key, ReadOnlySpan<byte> material, ReadOnlySpan<byte> fingerprint) =>
        root.VerifyMac(FingerprintPurpose, FingerprintMessage(account, key, material), fingerprint);

    /// <summary>
    /// Whether the key has usable material at <paramref name="now"/>: its version holds material and that material has
    /// not expired. Keys made by Coffer always do.
    /// </summary>
    public static bool HasLiveMaterial(Key key, KeyVersion primary, DateTimeOffset now) =>
        primary.HasMaterial && (key.MaterialExpireTime is not { } expiry || expiry > now);

    private static byte[] FingerprintMessage(AccountId account, KeyId key, ReadOnlySpan<byte> material)
    {
        var prefix = Encoding.UTF8.GetBytes($"coffer:import-fingerprint:v1|{account.Value}|{key.Value}|");
        var message = new byte[prefix.Length + material.Length];
        prefix.CopyTo(message, 0);
        material.CopyTo(message.AsSpan(prefix.Length));
        return message;
    }
}
