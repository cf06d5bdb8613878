using Coffer.Core.Errors;
using Coffer.Core.Requests;
using Coffer.Core.Storage;
using Coffer.Crypto.Asymmetric;

namespace Coffer.Core.Keys;

/// <summary>
/// The shared front of GetPublicKey and the Asymmetric* calls: finds the named version of a key pair and checks it in
/// the order of checks (key and version 404 at step 14, state 409 at 15, kind and usage at 16), and lends out the
/// private key, imported once per cached version and kept with its unwrapped material in the
/// <see cref="KeyMaterialCache"/> (evicted, and so never used again, with it).
/// </summary>
public sealed class KeyPairAccess(KeyResolver resolver, IKeyStore keys, KeyMaterialCache cache)
{
    /// <summary>
    /// Resolves <paramref name="keyId"/> (any key form) and its version <paramref name="versionId"/>, which must be a
    /// key pair in state Enabled with <paramref name="usage"/> (any usage when null).
    /// </summary>
    /// <exception cref="KmsException">
    /// Forbidden.KeyNotFound / Forbidden.AliasNotFound; Forbidden.KeyVersionNotFound; Rejected.Disabled,
    /// Rejected.PendingDeletion or Rejected.PendingImport; Rejected.UnsupportedOperation for a symmetric or HMAC key or
    /// another usage.
    /// </exception>
    public async Task<(Key Key, KeyVersion Version)> FindAsync(
        CallContext caller, string keyId, string versionId, string? usage, CancellationToken cancellationToken)
    {
        var key = await resolver.ResolveAsync(caller, keyId, cancellationToken);
        var version = await keys.GetVersionAsync(key.Id, new KeyVersionId(versionId), cancellationToken)
            ?? throw new KmsException(KmsErrorCode.KeyVersionNotFound);
        KeyStateMachine.EnsureCanUseMaterial(key.State);
        if (KeySpecs.Kind(key.Spec) != KeyMaterialKind.KeyPair || (usage is not null && key.Usage != usage) || version.PublicKey is null)
        {
            throw new KmsException(KmsErrorCode.UnsupportedOperation);
        }

        return (key, version);
    }

    /// <summary>
    /// Runs <paramref name="use"/> with the version's imported private key, which is valid only during the call (never
    /// keep or dispose it).
    /// </summary>
    /// <exception cref="KmsException">
    /// Rejected.PendingImport when the version has no material; ServiceUnavailableTemporary when the wrapped private key
    /// does not unwrap.
    /// </exception>
    public T WithPrivateKey<T>(Key key, KeyVersion version, Func<PrivateKeyHandle, T> use)
    {
        var lease = cache.Acquire(key, version);
        try
        {
            return use(lease.PrivateKey(KeySpecs.KeyPair(key.Spec)));
        }
        finally
        {
            lease.Release();
        }
    }
}
