using System.Text;
using Coffer.Core.Errors;
using Coffer.Core.Keys;
using Coffer.Core.Requests;
using Coffer.Crypto;

namespace Coffer.Core.Operations;

/// <summary>
/// GenerateAndExportDataKey parameters: GenerateDataKey's, and the recipient's public key with the wrapping algorithm
/// and key spec (wire values, parsed by <see cref="DataKeyRecipient"/>).
/// </summary>
public sealed record GenerateAndExportDataKeyRequest(
    string KeyId,
    string? KeySpec,
    int? NumberOfBytes,
    EncryptionContext Context,
    string PublicKeyBlob,
    string WrappingAlgorithm,
    string WrappingKeySpec,
    bool DryRun);

/// <summary>
/// A new data key, never in the clear: <see cref="CiphertextBlob"/> wraps its base64 text under the key's primary
/// version (as GenerateDataKey's does), and <see cref="ExportedDataKey"/> is its raw bytes encrypted to the caller's
/// public key.
/// </summary>
public sealed record GenerateAndExportDataKeyResult(KeyId KeyId, KeyVersionId KeyVersionId, byte[] CiphertextBlob, byte[] ExportedDataKey);

/// <summary>GenerateAndExportDataKey: GenerateDataKey whose plaintext goes out only encrypted to the caller's public key.</summary>
public sealed class GenerateAndExportDataKey(KeyResolver resolver, SymmetricEnvelope envelope)
{
    /// <summary>Runs the action.</summary>
    /// <exception cref="KmsException">
    /// InvalidParameter KeySpec, NumberOfBytes (also when longer than the wrapping algorithm can carry), PublicKeyBlob,
    /// WrappingAlgorithm or WrappingKeySpec; 404; 409; DryRunOperationError.
    /// </exception>
    public async Task<GenerateAndExportDataKeyResult> HandleAsync(
        CallContext caller, GenerateAndExportDataKeyRequest request, CancellationToken cancellationToken)
    {
        var length = GenerateDataKey.DataKeyLength(request.KeySpec, request.NumberOfBytes);
        var recipient = DataKeyRecipient.Parse(request.PublicKeyBlob, request.WrappingAlgorithm, request.WrappingKeySpec);
        if (length > recipient.MaxDataKeyLength)
        {
            throw KmsException.Invalid("NumberOfBytes");
        }

        var key = await resolver.ResolveAsync(caller, request.KeyId, cancellationToken);
        SymmetricEnvelope.EnsureCanEncrypt(key);
        if (request.DryRun)
        {
            throw new KmsException(KmsErrorCode.DryRunOperationError);
        }

        using var dataKey = CryptoRandom.NewSecret(length);
        var exported = recipient.Wrap(dataKey.Span);
        var text = Encoding.ASCII.GetBytes(Convert.ToBase64String(dataKey.Span));
        try
        {
            var (blob, version) = await envelope.SealAsync(key, text, request.Context, cancellationToken);
            return new GenerateAndExportDataKeyResult(key.Id, version, blob, exported);
        }
        finally
        {
            // Security: the base64 text is the data key too.
            Array.Clear(text);
        }
    }
}
