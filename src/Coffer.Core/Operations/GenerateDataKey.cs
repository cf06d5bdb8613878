using System.Text;
using Coffer.Core.Errors;
using Coffer.Core.Keys;
using Coffer.Core.Requests;
using Coffer.Crypto;

namespace Coffer.Core.Operations;

/// <summary>GenerateDataKey and GenerateDataKeyWithoutPlaintext parameters.</summary>
public sealed record GenerateDataKeyRequest(string KeyId, string? KeySpec, int? NumberOfBytes, EncryptionContext Context, bool DryRun);

/// <summary>
/// A new data key: <see cref="Plaintext"/> is its base64 text, and <see cref="CiphertextBlob"/> wraps that text
/// (Alibaba's behaviour: Decrypt of the blob gives back the base64 text).
/// </summary>
public sealed record GenerateDataKeyResult(KeyId KeyId, KeyVersionId KeyVersionId, string Plaintext, byte[] CiphertextBlob)
{
    // Security: the generated ToString would print the data key.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("KeyId = ").Append(KeyId).Append(", KeyVersionId = ").Append(KeyVersionId).Append(", Plaintext = (redacted)");
        return true;
    }
}

/// <summary>GenerateDataKey: random bytes, returned in the clear and sealed under the key's primary version.</summary>
public sealed class GenerateDataKey(KeyResolver resolver, SymmetricEnvelope envelope)
{
    /// <summary>Largest NumberOfBytes.</summary>
    public const int MaxBytes = 1_024;

    /// <summary>Runs the action.</summary>
    /// <exception cref="KmsException">InvalidParameter KeySpec or NumberOfBytes; 404; 409.</exception>
    public async Task<GenerateDataKeyResult> HandleAsync(CallContext caller, GenerateDataKeyRequest request, CancellationToken cancellationToken)
    {
        var length = DataKeyLength(request.KeySpec, request.NumberOfBytes);
        var key = await resolver.ResolveAsync(caller, request.KeyId, cancellationToken);
        SymmetricEnvelope.EnsureCanEncrypt(key);
        if (request.DryRun)
        {
            throw new KmsException(KmsErrorCode.DryRunOperationError);
        }

        using var dataKey = CryptoRandom.NewSecret(length);
        var text = Convert.ToBase64String(dataKey.Span);
        var (blob, version) = await envelope.SealAsync(key, Encoding.ASCII.GetBytes(text), request.Context, cancellationToken);
        return new GenerateDataKeyResult(key.Id, version, text, blob);
    }

    /// <summary>The data-key length NumberOfBytes or else KeySpec asks for (GenerateAndExportDataKey takes the same).</summary>
    /// <exception cref="KmsException">InvalidParameter KeySpec or NumberOfBytes.</exception>
    internal static int DataKeyLength(string? keySpec, int? numberOfBytes)
    {
        var fromSpec = keySpec switch
        {
            null => 32,
            "AES_256" => 32,
            "AES_128" => 16,
            _ => throw KmsException.Invalid("KeySpec"),
        };
        if (numberOfBytes is { } n)
        {
            return n is >= 1 and <= MaxBytes ? n : throw KmsException.Invalid("NumberOfBytes");
        }

        return fromSpec;
    }
}
