using Coffer.Core.Errors;
using Coffer.Core.Requests;
using Coffer.Core.Storage;
using Coffer.Crypto.Mac;

namespace Coffer.Core.Keys;

/// <summary>
/// The shared front of GenerateMac and VerifyMac: resolves an HMAC key and checks it in the order of checks (404 at
/// step 14, state 409 at 15, kind at 16, then the Algorithm against the spec), and computes MACs with material lent by
/// the <see cref="KeyMaterialCache"/>.
/// </summary>
public sealed class MacKeyAccess(KeyResolver resolver, IKeyStore keys, KeyMaterialCache cache, KmsOptions options)
{
    /// <summary>Resolves <paramref name="keyId"/> (any key form): an Enabled HMAC key whose spec computes <paramref name="algorithm"/>.</summary>
    /// <exception cref="KmsException">
    /// Forbidden.KeyNotFound / Forbidden.AliasNotFound; the state's 409; Rejected.UnsupportedOperation for a key that is
    /// not an HMAC key; InvalidParameter Algorithm for another HMAC spec's algorithm.
    /// </exception>
    public async Task<Key> FindAsync(CallContext caller, string keyId, MacAlgorithm algorithm, CancellationToken cancellationToken)
    {
        var key = await resolver.ResolveAsync(caller, keyId, cancellationToken);
        KeyStateMachine.EnsureCanUseMaterial(key.State);
        if (KeySpecs.Kind(key.Spec) != KeyMaterialKind.Hmac)
        {
            throw new KmsException(KmsErrorCode.UnsupportedOperation);
        }

        KeyAlgorithms.EnsureFits(key.Spec, algorithm);
        return key;
    }

    /// <summary>The MAC of <paramref name="message"/> under the key's primary version.</summary>
    public async Task<byte[]> ComputeAsync(Key key, ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        var version = await keys.GetVersionAsync(key.Id, key.PrimaryVersion, cancellationToken)
            ?? throw new KmsException(KmsErrorCode.InternalFailure, "primary version missing");
        return Compute(key, version, message.Span);
    }

    /// <summary>
    /// Whether <paramref name="mac"/> is the MAC of <paramref name="message"/> under any version of the key: older
    /// versions keep verifying after CreateKeyVersion, as they keep decrypting for other keys.
    /// </summary>
    public async Task<bool> VerifyAsync(Key key, ReadOnlyMemory<byte> message, ReadOnlyMemory<byte> mac, CancellationToken cancellationToken)
    {
        var (versions, _) = await keys.ListVersionsAsync(key.Id, 0, options.MaxVersionsPerKey, cancellationToken);
        var algorithm = KeySpecs.Mac(key.Spec);
        var matched = false;
        foreach (var version in versions)
        {
            var lease = cache.Acquire(key, version);
            try
            {
                // Security: every version is tried (no early exit), so the time taken does not tell which one matched.
                matched |= Hmac.Verify(algorithm, lease.Material, message.Span, mac.Span);
            }
            finally
            {
                lease.Release();
            }
        }

        return matched;
    }

    private byte[] Compute(Key key, KeyVersion version, ReadOnlySpan<byte> message)
    {
        var lease = cache.Acquire(key, version);
        try
        {
            return Hmac.Compute(KeySpecs.Mac(key.Spec), lease.Material, message);
        }
        finally
        {
            lease.Release();
        }
    }
}
