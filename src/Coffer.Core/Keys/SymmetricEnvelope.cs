using System.Buffers.Text;
using Coffer.Core.Errors;
using Coffer.Core.Requests;
using Coffer.Core.Storage;
using Coffer.Crypto.Envelope;

namespace Coffer.Core.Keys;

/// <summary>
/// Seals bytes under a key's primary version and opens blobs again: the shared core of Encrypt, Decrypt and the
/// data-key calls.
/// </summary>
public sealed class SymmetricEnvelope(IKeyStore keys, KeyMaterialCache cache, KeyResolver resolver)
{
    /// <summary>Parameter name every blob failure names (one message for every cause: no oracle).</summary>
    public const string BlobParameter = "CiphertextBlob";

    /// <summary>Checks that <paramref name="key"/> may encrypt: Enabled (step 15), then symmetric (step 16).</summary>
    /// <exception cref="KmsException">The key state's 409 code; Rejected.UnsupportedOperation for a key pair or HMAC key.</exception>
    public static void EnsureCanEncrypt(Key key)
    {
        KeyStateMachine.EnsureCanUseMaterial(key.State);
        EnsureSymmetric(key);
    }

    /// <summary>Checks that <paramref name="key"/> is a symmetric key (step 16 of the order of checks).</summary>
    /// <exception cref="KmsException">Rejected.UnsupportedOperation for a key pair or HMAC key.</exception>
    public static void EnsureSymmetric(Key key)
    {
        if (KeySpecs.Kind(key.Spec) != KeyMaterialKind.Symmetric)
        {
            throw new KmsException(KmsErrorCode.UnsupportedOperation);
        }
    }

    /// <summary>Encrypts <paramref name="plaintext"/> under the primary version of <paramref name="key"/>.</summary>
    public async Task<(byte[] Blob, KeyVersionId Version)> SealAsync(
        Key key, ReadOnlyMemory<byte> plaintext, EncryptionContext context, CancellationToken cancellationToken)
    {
        var version = await keys.GetVersionAsync(key.Id, key.PrimaryVersion, cancellationToken)
            ?? throw new KmsException(KmsErrorCode.InternalFailure, "primary version missing");
        var lease = cache.Acquire(key, version);
        try
        {
            var blob = CiphertextBlob.Seal(
                KeySpecs.Cipher(key.Spec), lease.Material, version.Id.Value, plaintext.Span, context.AssociatedData());
            return (blob, version.Id);
        }
        finally
        {
            lease.Release();
        }
    }

    /// <summary>
    /// Decodes a base64 blob (step 13 of the order of checks); InvalidParameter naming CiphertextBlob when it is not
    /// base64 or too short to hold a version id.
    /// </summary>
    public static (byte[] Blob, KeyVersionId Version) ParseBlob(string base64)
    {
        var maxLength = Base64.GetMaxDecodedFromUtf8Length(base64.Length);
        var buffer = new byte[maxLength];
        if (!Convert.TryFromBase64String(base64, buffer, out var written)
            || !CiphertextBlob.TryReadVersionId(buffer.AsSpan(0, written), out var versionId))
        {
            throw KmsException.Invalid(BlobParameter);
        }

        return (buffer[..written], new KeyVersionId(versionId));
    }

    /// <summary>
    /// Finds the blob's version in the caller's account (404 when absent), checks the key state (409), then
    /// authenticates and decrypts (InvalidParameter CiphertextBlob on any failure). The key is authorized for
    /// <paramref name="action"/>, or the request's own action when null.
    /// </summary>
    public async Task<(Key Key, KeyVersionId Version, byte[] Plaintext)> OpenAsync(
        CallContext caller, byte[] blob, KeyVersionId versionId, EncryptionContext context, bool dryRun, CancellationToken cancellationToken,
        string? action = null)
    {
        var (key, version) = await FindVersionAsync(caller, versionId, cancellationToken, action);
        EnsureCanEncrypt(key);
        var plaintext = Open(key, version, blob, context);
        if (dryRun)
        {
            throw new KmsException(KmsErrorCode.DryRunOperationError);
        }

        return (key, version.Id, plaintext);
    }

    /// <summary>
    /// The blob's version and its key in the caller's account, authorized for <paramref name="action"/> (or the
    /// request's own action) on the key (step 14); no state check.
    /// </summary>
    /// <exception cref="KmsException">Forbidden.KeyNotFound; Forbidden.NoPermission.</exception>
    public async Task<(Key Key, KeyVersion Version)> FindVersionAsync(
        CallContext caller, KeyVersionId versionId, CancellationToken cancellationToken, string? action = null)
    {
        var (key, version) = await keys.FindVersionAsync(caller.Account, versionId, cancellationToken)
            ?? throw new KmsException(KmsErrorCode.KeyNotFound);
        resolver.Authorize(caller, key, action);
        return (key, version);
    }

    /// <summary>
    /// Authenticates and decrypts a blob with a version found by <see cref="FindVersionAsync"/>, whose key state the
    /// caller has checked.
    /// </summary>
    /// <exception cref="KmsException">InvalidParameter CiphertextBlob on any failure.</exception>
    public byte[] Open(Key key, KeyVersion version, byte[] blob, EncryptionContext context)
    {
        EnsureSymmetric(key);

        var lease = cache.Acquire(key, version);
        try
        {
            return CiphertextBlob.TryOpen(KeySpecs.Cipher(key.Spec), lease.Material, blob, context.AssociatedData())
                ?? throw KmsException.Invalid(BlobParameter);
        }
        finally
        {
            lease.Release();
        }
    }
}
