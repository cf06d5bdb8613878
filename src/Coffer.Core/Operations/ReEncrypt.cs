using Coffer.Core.Errors;
using Coffer.Core.Keys;
using Coffer.Core.Requests;

namespace Coffer.Core.Operations;

/// <summary>
/// ReEncrypt parameters (symmetric to symmetric): the base64 blob and the context it was sealed with, and the
/// destination key (key ID, alias or ARN) and context.
/// </summary>
public sealed record ReEncryptRequest(
    string CiphertextBlob, EncryptionContext SourceContext, string DestinationKeyId, EncryptionContext DestinationContext, bool DryRun);

/// <summary>ReEncrypt result: the new blob, the destination key and the version the new blob names.</summary>
public sealed record ReEncryptResult(KeyId KeyId, KeyVersionId KeyVersionId, byte[] CiphertextBlob);

/// <summary>
/// ReEncrypt: opens a blob with its own version and seals the plaintext under the destination key's primary version,
/// without the plaintext leaving the server. Both keys must be Enabled.
/// </summary>
public sealed class ReEncrypt(KeyResolver resolver, SymmetricEnvelope envelope)
{
    /// <summary>Runs the action.</summary>
    /// <exception cref="KmsException">
    /// InvalidParameter CiphertextBlob (malformed, tampered or wrong source context); Forbidden.KeyNotFound for the
    /// blob's version; Forbidden.KeyNotFound or Forbidden.AliasNotFound for the destination; the 409 of either key's
    /// state; DryRunOperationError.
    /// </exception>
    public async Task<ReEncryptResult> HandleAsync(CallContext caller, ReEncryptRequest request, CancellationToken cancellationToken)
    {
        var (blob, versionId) = SymmetricEnvelope.ParseBlob(request.CiphertextBlob);
        var (source, version) = await envelope.FindVersionAsync(caller, versionId, cancellationToken);
        var destination = await resolver.ResolveAsync(caller, request.DestinationKeyId, cancellationToken);
        KeyStateMachine.EnsureCanUseMaterial(source.State);
        KeyStateMachine.EnsureCanUseMaterial(destination.State);
        SymmetricEnvelope.EnsureSymmetric(source);
        SymmetricEnvelope.EnsureSymmetric(destination);
        var plaintext = envelope.Open(source, version, blob, request.SourceContext);
        try
        {
            if (request.DryRun)
            {
                throw new KmsException(KmsErrorCode.DryRunOperationError);
            }

            var (sealedBlob, destinationVersion) = await envelope.SealAsync(destination, plaintext, request.DestinationContext, cancellationToken);
            return new ReEncryptResult(destination.Id, destinationVersion, sealedBlob);
        }
        finally
        {
            // Security: the plaintext never leaves this call; clear it rather than leave it to the collector.
            Array.Clear(plaintext);
        }
    }
}
