using System.Text;
using Coffer.Core.Errors;
using Coffer.Core.Keys;
using Coffer.Core.Requests;

namespace Coffer.Core.Operations;

/// <summary>AsymmetricDecrypt parameters: the base64 ciphertext, as any holder of the public key could have made it.</summary>
public sealed record AsymmetricDecryptRequest(string KeyId, string KeyVersionId, string Algorithm, string CiphertextBlob, bool DryRun);

/// <summary>AsymmetricDecrypt result: the decrypted bytes.</summary>
public sealed record AsymmetricDecryptResult(KeyId KeyId, KeyVersionId KeyVersionId, byte[] Plaintext)
{
    // Security: the generated ToString would print the plaintext.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("KeyId = ").Append(KeyId).Append(", KeyVersionId = ").Append(KeyVersionId).Append(", Plaintext = (redacted)");
        return true;
    }
}

/// <summary>
/// AsymmetricDecrypt: RSA-OAEP or SM2PKE (GM/T 0009 DER) with the version's private key. Every failure to decrypt is one
/// InvalidParameter CiphertextBlob, so the answer is no padding or format oracle.
/// </summary>
public sealed class AsymmetricDecrypt(KeyPairAccess pairs)
{
    /// <summary>Runs the action.</summary>
    /// <exception cref="KmsException">
    /// InvalidParameter Algorithm or CiphertextBlob; 404; 409; Rejected.UnsupportedOperation for a key that is not an
    /// ENCRYPT/DECRYPT key pair; DryRunOperationError (after the ciphertext decrypted).
    /// </exception>
    public async Task<AsymmetricDecryptResult> HandleAsync(CallContext caller, AsymmetricDecryptRequest request, CancellationToken cancellationToken)
    {
        var algorithm = KeyAlgorithms.ParseEncryption(request.Algorithm);
        var ciphertext = Base64Parameter.Decode(request.CiphertextBlob, SymmetricEnvelope.BlobParameter);
        var (key, version) = await pairs.FindAsync(caller, request.KeyId, request.KeyVersionId, KeyUsages.EncryptDecrypt, cancellationToken);
        KeyAlgorithms.EnsureFits(key.Spec, algorithm);
        // Security: one error for every cause (bad padding, bad DER, bad C3, wrong key), so failures reveal nothing.
        var plaintext = pairs.WithPrivateKey(
            key, version, privateKey => privateKey.TryDecrypt(algorithm, ciphertext, out var decrypted) ? decrypted : null)
            ?? throw KmsException.Invalid(SymmetricEnvelope.BlobParameter);
        if (request.DryRun)
        {
            Array.Clear(plaintext);
            throw new KmsException(KmsErrorCode.DryRunOperationError);
        }

        return new AsymmetricDecryptResult(key.Id, version.Id, plaintext);
    }
}
