using System.Text;
using Coffer.Core.Errors;
using Coffer.Core.Keys;
using Coffer.Core.Requests;

namespace Coffer.Core.Operations;

/// <summary>Decrypt parameters: the base64 blob and the context it was sealed with.</summary>
public sealed record DecryptRequest(string CiphertextBlob, EncryptionContext Context, bool DryRun);

/// <summary>Decrypt result. <see cref="Plaintext"/> is the exact text that was encrypted.</summary>
public sealed record DecryptResult(KeyId KeyId, KeyVersionId KeyVersionId, string Plaintext)
{
    // Security: the generated ToString would print the plaintext.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("KeyId = ").Append(KeyId).Append(", KeyVersionId = ").Append(KeyVersionId).Append(", Plaintext = (redacted)");
        return true;
    }
}

/// <summary>Decrypt: finds the version named in the blob, checks the key, and opens the blob.</summary>
public sealed class Decrypt(SymmetricEnvelope envelope)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Runs the action.</summary>
    /// <exception cref="KmsException">InvalidParameter CiphertextBlob for every malformed, tampered or wrong-context blob.</exception>
    public async Task<DecryptResult> HandleAsync(CallContext caller, DecryptRequest request, CancellationToken cancellationToken)
    {
        var (blob, versionId) = SymmetricEnvelope.ParseBlob(request.CiphertextBlob);
        var (key, version, plaintext) = await envelope.OpenAsync(caller, blob, versionId, request.Context, request.DryRun, cancellationToken);
        try
        {
            return new DecryptResult(key.Id, version, StrictUtf8.GetString(plaintext));
        }
        catch (DecoderFallbackException)
        {
            // Only Coffer's own Encrypt makes blobs, from text; anything else is not a blob of ours.
            throw KmsException.Invalid(SymmetricEnvelope.BlobParameter);
        }
    }
}
