using Coffer.Core.Accounts;
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
}
