using Coffer.Core.Accounts;
using Coffer.Crypto;
using Coffer.Crypto.Asymmetric;
using Coffer.Crypto.Wrapping;

namespace Coffer.Core.Keys;

/// <summary>Wrapping of version material under the root key, with the AAD that binds it to its row.</summary>
public static class KeyMaterial
{
    /// <summary>
    /// The AAD of a version's wrapped material.
    /// </summary>
    // Security: AAD must name account, key, version and spec, or wrapped rows could be swapped between keys.
    public static string Label(AccountId account, KeyId key, KeyVersionId version, KeySpec spec) =>
        $"coffer:material:v1|{account.Value}|{key.Value}|{version.Value}|{KeySpecs.Name(spec)}";

    /// <summary>Wraps fresh material for a new version.</summary>
    public static byte[] Wrap(RootKey root, ReadOnlySpan<byte> material, AccountId account, KeyId key, KeyVersionId version, KeySpec spec) =>
        root.Wrap(material, Label(account, key, version, spec));

    /// <summary>
    /// Generates a new version's material for <paramref name="spec"/> and wraps it: random bytes for symmetric and
    /// HMAC specs, a fresh key pair (PKCS#8 wrapped, SubjectPublicKeyInfo beside it) for key-pair specs. The clear
    /// material is zeroed before this returns.
    /// </summary>
    public static KeyVersion NewVersion(RootKey root, AccountId account, KeyId key, KeyVersionId version, KeySpec spec, DateTimeOffset at)
    {
        if (KeySpecs.Kind(spec) == KeyMaterialKind.KeyPair)
        {
            using var pair = AsymmetricKeys.Generate(KeySpecs.KeyPair(spec));
            return new KeyVersion(key, version, at, Wrap(root, pair.PrivateKeyPkcs8.Span, account, key, version, spec), pair.SubjectPublicKeyInfo);
        }

        using var material = CryptoRandom.NewSecret(KeySpecs.MaterialLength(spec));
        return new KeyVersion(key, version, at, Wrap(root, material.Span, account, key, version, spec));
    }
}
