using System.Text;
using Coffer.Core.Errors;
using Coffer.Core.Keys;
using Coffer.Core.Requests;

namespace Coffer.Core.Operations;

/// <summary>
/// ExportDataKey parameters: a data-key blob (GenerateDataKey or GenerateDataKeyWithoutPlaintext) with its context,
/// and the recipient's public key with the wrapping algorithm and key spec (wire values, parsed by
/// <see cref="DataKeyRecipient"/>).
/// </summary>
public sealed record ExportDataKeyRequest(
    string CiphertextBlob, EncryptionContext Context, string PublicKeyBlob, string WrappingAlgorithm, string WrappingKeySpec, bool DryRun);

/// <summary>The blob's key and version, and the data key's raw bytes encrypted to the caller's public key.</summary>
public sealed record ExportDataKeyResult(KeyId KeyId, KeyVersionId KeyVersionId, byte[] ExportedDataKey);

/// <summary>
/// ExportDataKey: opens a data-key blob inside the server and re-wraps the data key (the base64-decoded text the blob
/// holds) with the caller's public key.
/// </summary>
public sealed class ExportDataKey(SymmetricEnvelope envelope)
{
    /// <summary>Runs the action.</summary>
    /// <exception cref="KmsException">
    /// InvalidParameter CiphertextBlob for every malformed, tampered or wrong-context blob, and for one that holds no
    /// data key (its text is not canonical base64) or one longer than the wrapping algorithm can carry; InvalidParameter
    /// PublicKeyBlob, WrappingAlgorithm or WrappingKeySpec; Forbidden.KeyNotFound; 409; DryRunOperationError.
    /// </exception>
    public async Task<ExportDataKeyResult> HandleAsync(CallContext caller, ExportDataKeyRequest request, CancellationToken cancellationToken)
    {
        var (blob, versionId) = SymmetricEnvelope.ParseBlob(request.CiphertextBlob);
        var recipient = DataKeyRecipient.Parse(request.PublicKeyBlob, request.WrappingAlgorithm, request.WrappingKeySpec);
        var (key, version) = await envelope.FindVersionAsync(caller, versionId, cancellationToken);
        KeyStateMachine.EnsureCanUseMaterial(key.State);
        var text = envelope.Open(key, version, blob, request.Context);
        var dataKey = new byte[text.Length];
        try
        {
            if (!TryDecodeDataKey(text, dataKey, out var length) || length > recipient.MaxDataKeyLength)
            {
                throw KmsException.Invalid(SymmetricEnvelope.BlobParameter);
            }

            if (request.DryRun)
            {
                throw new KmsException(KmsErrorCode.DryRunOperationError);
            }

            return new ExportDataKeyResult(key.Id, version.Id, recipient.Wrap(dataKey.AsSpan(0, length)));
        }
        finally
        {
            // Security: the data key never leaves this call in the clear; clear both forms.
            Array.Clear(text);
            Array.Clear(dataKey);
        }
    }

    /// <summary>
    /// The data key in a blob's plaintext: the text must be canonical base64 (as GenerateDataKey writes it: padded,
    /// no white space), so a blob has one reading.
    /// </summary>
    private static bool TryDecodeDataKey(byte[] text, byte[] dataKey, out int length)
    {
        length = 0;
        if (text.Length == 0 || text.Length % 4 != 0)
        {
            return false;
        }

        var chars = new char[text.Length];
        var again = new char[text.Length];
        try
        {
            if (Encoding.ASCII.GetChars(text, chars) != text.Length || !Convert.TryFromBase64Chars(chars, dataKey, out length) || length == 0)
            {
                return false;
            }

            // Canonical: re-encoding gives the same text (no white space, zero padding bits).
            return Convert.TryToBase64Chars(dataKey.AsSpan(0, length), again, out var written)
                && again.AsSpan(0, written).SequenceEqual(chars);
        }
        finally
        {
            Array.Clear(chars);
            Array.Clear(again);
        }
    }
}
