using Coffer.Core.Aliases;
using Coffer.Core.Errors;
using Coffer.Core.Requests;
using Coffer.Core.Storage;

namespace Coffer.Core.Keys;

/// <summary>
/// Resolves a KeyId parameter to a key of the caller's account. KeyIds are never format-checked: what resolves to
/// nothing is a 404 (Forbidden.AliasNotFound for alias forms, Forbidden.KeyNotFound for everything else).
/// </summary>
public sealed class KeyResolver(IKeyStore keys, IAliasStore aliases, KmsOptions options)
{
    /// <summary>
    /// Resolves a key ID, <c>alias/name</c>, key ARN or alias ARN: the form accepted wherever a key is used rather than
    /// managed (DECISIONS.md lists the actions).
    /// </summary>
    /// <exception cref="KmsException">Forbidden.AliasNotFound, Forbidden.KeyNotFound, Forbidden.NoPermission.</exception>
    public async Task<Key> ResolveAsync(CallContext caller, string reference, CancellationToken cancellationToken) =>
        Authorize(caller, await FindAnyFormAsync(caller, reference, cancellationToken), null);

    /// <summary>
    /// As <see cref="ResolveAsync(CallContext, string, CancellationToken)"/>, authorizing the key for
    /// <paramref name="action"/> instead of the request's own action (a secret's value is sealed under its key as
    /// <c>kms:GenerateDataKey</c>).
    /// </summary>
    /// <exception cref="KmsException">Forbidden.AliasNotFound, Forbidden.KeyNotFound, Forbidden.NoPermission.</exception>
    public async Task<Key> ResolveAsync(CallContext caller, string reference, string action, CancellationToken cancellationToken) =>
        Authorize(caller, await FindAnyFormAsync(caller, reference, cancellationToken), action);

    /// <summary>
    /// Step 14's resource-level decision on a resolved key: its ARN, evaluated with its policy (the stored one or the
    /// default), as <paramref name="action"/> or the request's own action.
    /// </summary>
    /// <exception cref="KmsException">Forbidden.NoPermission.</exception>
    public Key Authorize(CallContext caller, Key key, string? action)
    {
        caller.Access?.Authorize(KeyArns.ForKey(options.Region, key.Account, key.Id), key.Account, key.Policy, action);
        return key;
    }

    private async Task<Key> FindAnyFormAsync(CallContext caller, string reference, CancellationToken cancellationToken)
    {
        var (isAlias, name) = Classify(caller, reference);
        if (!isAlias)
        {
            return await FindAsync(caller, name, cancellationToken);
        }

        var alias = AliasName.TryParse(name, out var aliasName)
            ? await aliases.FindAsync(caller.Account, aliasName, cancellationToken)
            : null;
        if (alias is null)
        {
            throw new KmsException(KmsErrorCode.AliasNotFound);
        }

        return await keys.FindAsync(caller.Account, alias.KeyId, cancellationToken) ?? throw new KmsException(KmsErrorCode.KeyNotFound);
    }

    /// <summary>
    /// Resolves a key ID or key ARN, the only forms management calls accept.
    /// </summary>
    /// <exception cref="KmsException">Unsupported.Alias for alias forms; Forbidden.KeyNotFound; Forbidden.NoPermission.</exception>
    public async Task<Key> ResolveKeyIdAsync(CallContext caller, string reference, CancellationToken cancellationToken)
    {
        var (isAlias, name) = Classify(caller, reference);
        return isAlias
            ? throw new KmsException(KmsErrorCode.UnsupportedAlias)
            : Authorize(caller, await FindAsync(caller, name, cancellationToken), null);
    }

    private async Task<Key> FindAsync(CallContext caller, string keyId, CancellationToken cancellationToken) =>
        await keys.FindAsync(caller.Account, new KeyId(keyId), cancellationToken) ?? throw new KmsException(KmsErrorCode.KeyNotFound);

    private (bool IsAlias, string Name) Classify(CallContext caller, string reference)
    {
        if (reference.StartsWith(AliasName.Prefix, StringComparison.Ordinal))
        {
            return (true, reference);
        }

        if (!reference.StartsWith("acs:", StringComparison.Ordinal))
        {
            return (false, reference);
        }

        if (!KeyArns.TryParse(reference, options.Region, caller.Account, out var type, out var name))
        {
            // Another account's or region's ARN (key or alias) names nothing here: Forbidden.KeyNotFound.
            return (false, "");
        }

        return type switch
        {
            "alias" => (true, AliasName.Prefix + name),
            "key" => (false, name),
            _ => (false, ""),
        };
    }
}
