using Coffer.Core.Errors;
using Coffer.Core.Requests;
using Coffer.Core.Storage;

namespace Coffer.Core.Keys;

/// <summary>
/// Resolves a KeyId parameter (a key ID, <c>alias/name</c>, a key ARN or an alias ARN) to a key of the caller's
/// account. KeyIds are never format-checked: what resolves to nothing is a 404.
/// </summary>
public sealed class KeyResolver(IKeyStore keys, KmsOptions options)
{
    private const string AliasPrefix = "alias/";

    /// <summary>Resolves <paramref name="reference"/> for <paramref name="caller"/>.</summary>
    /// <exception cref="KmsException">Forbidden.AliasNotFound for alias forms, Forbidden.KeyNotFound otherwise.</exception>
    public async Task<Key> ResolveAsync(CallContext caller, string reference, CancellationToken cancellationToken)
    {
        var keyId = reference;
        if (reference.StartsWith(AliasPrefix, StringComparison.Ordinal))
        {
            // Aliases arrive with a later issue; until then no alias exists.
            throw new KmsException(KmsErrorCode.AliasNotFound);
        }

        if (reference.StartsWith("acs:", StringComparison.Ordinal))
        {
            if (!KeyArns.TryParse(reference, options.Region, caller.Account, out var type, out var name))
            {
                throw new KmsException(KmsErrorCode.KeyNotFound);
            }

            if (type == "alias")
            {
                throw new KmsException(KmsErrorCode.AliasNotFound);
            }

            if (type != "key")
            {
                throw new KmsException(KmsErrorCode.KeyNotFound);
            }

            keyId = name;
        }

        return await keys.FindAsync(caller.Account, new KeyId(keyId), cancellationToken)
            ?? throw new KmsException(KmsErrorCode.KeyNotFound);
    }
}
