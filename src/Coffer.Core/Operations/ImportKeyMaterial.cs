using Coffer.Core.Errors;
using Coffer.Core.Import;
using Coffer.Core.Keys;
using Coffer.Core.Requests;
using Coffer.Core.Storage;
using Coffer.Crypto.Asymmetric;
using Coffer.Crypto.Secrets;
using Coffer.Crypto.Wrapping;

namespace Coffer.Core.Operations;

/// <summary>ImportKeyMaterial parameters, in the API table's order.</summary>
/// <param name="EncryptedKeyMaterial">The material wrapped to the token's public key (base64-decoded by the binder).</param>
/// <param name="ImportToken">The token GetParametersForImport answered.</param>
/// <param name="KeyId">The EXTERNAL key (key ID or key ARN).</param>
/// <param name="KeyMaterialExpireUnix">Unix seconds when the material expires; null or 0 for never.</param>
public sealed record ImportKeyMaterialRequest(byte[] EncryptedKeyMaterial, string ImportToken, string KeyId, long? KeyMaterialExpireUnix);

/// <summary>
/// ImportKeyMaterial: unwraps the material with the private key the token names, checks its length and that it is the
/// material imported before (if any), wraps it under the root key into the key's one version, and makes a
/// PendingImport key Enabled. A re-import may change the expiry.
/// </summary>
public sealed class ImportKeyMaterial(
    KeyResolver resolver, IKeyStore keys, IImportWrappingKeyStore wrappingKeys, KeyMaterialCache cache, RootKey root, TimeProvider time)
{
    private const int MaxAttempts = 5;

    /// <summary>Runs the action; returns the updated key.</summary>
    /// <exception cref="KmsException">
    /// InvalidParameter KeyMaterialExpireUnix (in the past); Unsupported.Alias; Forbidden.KeyNotFound;
    /// Rejected.StateModifiedFailed while PendingDeletion; Unsupported.Origin; InvalidImportToken (not a token of this
    /// key, or its wrapping key is gone); ExpiredImportToken; InvalidKeyMaterial (does not unwrap, wrong length, or not
    /// the material imported before).
    /// </exception>
    public async Task<Key> HandleAsync(CallContext caller, ImportKeyMaterialRequest request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        DateTimeOffset? expiry = null;
        if (request.KeyMaterialExpireUnix is { } seconds && seconds != 0)
        {
            expiry = seconds > 0 && seconds <= DateTimeOffset.MaxValue.ToUnixTimeSeconds() ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;
            if (expiry is null || expiry <= now)
            {
                throw KmsException.Invalid("KeyMaterialExpireUnix");
            }
        }

        var key = await resolver.ResolveKeyIdAsync(caller, request.KeyId, cancellationToken);
        CheckStateAndOrigin(key);
        var (tokenId, parameters, tokenExpiry) = ImportToken.Read(root, key.Account, key.Id, request.ImportToken);
        if (tokenExpiry <= now)
        {
            throw new KmsException(KmsErrorCode.ExpiredImportToken);
        }

        var wrappingKey = await wrappingKeys.FindAsync(key.Account, key.Id, tokenId, cancellationToken);
        if (wrappingKey is null || wrappingKey.Parameters != parameters)
        {
            throw new KmsException(KmsErrorCode.InvalidImportToken);
        }

        using var material = Unwrap(key, wrappingKey, request.EncryptedKeyMaterial);
        var fingerprint = KeyImport.Fingerprint(root, key.Account, key.Id, material.Span);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            // Security: once material was imported, only the same material may come back, or old ciphertexts would
            // silently stop decrypting (and a caller could swap a key's material under its users).
            if (await keys.FindMaterialFingerprintAsync(key.Id, cancellationToken) is { } stored
                && !KeyImport.MatchesFingerprint(root, key.Account, key.Id, material.Span, stored))
            {
                throw new KmsException(KmsErrorCode.InvalidKeyMaterial);
            }

            var version = new KeyVersion(
                key.Id, key.PrimaryVersion, key.CreationDate,
                KeyMaterial.Wrap(root, material.Span, key.Account, key.Id, key.PrimaryVersion, key.Spec));
            var imported = (key.State == KeyState.PendingImport ? KeyLifecycle.WithState(key, KeyState.Enabled) : key) with
            {
                MaterialExpireTime = expiry,
            };
            if (await keys.TryImportMaterialAsync(imported, key.Revision, version, fingerprint, cancellationToken))
            {
                // A cached copy (same material, maybe other expiry) must not outlive what the store now says.
                cache.Evict(key.PrimaryVersion);
                return imported with { Revision = key.Revision + 1 };
            }

            key = await keys.FindAsync(caller.Account, key.Id, cancellationToken) ?? throw new KmsException(KmsErrorCode.KeyNotFound);
            CheckStateAndOrigin(key);
        }

        throw new KmsException(KmsErrorCode.StateModifiedFailed);
    }

    private static void CheckStateAndOrigin(Key key)
    {
        if (key.State == KeyState.PendingDeletion)
        {
            throw new KmsException(KmsErrorCode.StateModifiedFailed);
        }

        if (!key.IsExternal)
        {
            throw new KmsException(KmsErrorCode.UnsupportedOrigin);
        }
    }

    private SecretBytes Unwrap(Key key, ImportWrappingKey wrappingKey, byte[] encryptedMaterial)
    {
        var label = ImportWrappingKey.Label(key.Account, key.Id, wrappingKey.Id, wrappingKey.Parameters);
        var privateKey = root.TryUnwrap(wrappingKey.WrappedPrivateKey, label)
            ?? throw new KmsException(KmsErrorCode.ServiceUnavailableTemporary, "import wrapping key does not unwrap");
        using var privateKeyOwner = new SecretBytes(privateKey);
        var decrypted = AsymmetricCipher.TryDecrypt(
            wrappingKey.Parameters.Spec, wrappingKey.Parameters.Algorithm, privateKeyOwner.Span, encryptedMaterial, out var plaintext);
        var material = new SecretBytes(plaintext);
        // Security: one answer for every failure (padding, length), so RSAES-PKCS1-v1_5 is no padding oracle here.
        if (!decrypted || material.Length != KeySpecs.MaterialLength(key.Spec))
        {
            material.Dispose();
            throw new KmsException(KmsErrorCode.InvalidKeyMaterial);
        }

        return material;
    }
}
