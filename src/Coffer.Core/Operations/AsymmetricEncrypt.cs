using System.Text;
using Coffer.Core.Errors;
using Coffer.Core.Keys;
using Coffer.Core.Requests;
using Coffer.Crypto.Asymmetric;

namespace Coffer.Core.Operations;

/// <summary>AsymmetricEncrypt parameters: <see cref="Plaintext"/> is base64 and is decoded (unlike Encrypt's).</summary>
public sealed record AsymmetricEncryptRequest(string KeyId, string KeyVersionId, string Algorithm, string Plaintext, bool DryRun)
{
    // Security: the generated ToString would print the plaintext.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("KeyId = ").Append(KeyId).Append(", KeyVersionId = ").Append(KeyVersionId)
            .Append(", Algorithm = ").Append(Algorithm).Append(", Plaintext = (redacted)");
        return true;
    }
}

/// <summary>AsymmetricEncrypt result: a plain RSA-OAEP ciphertext or a GM/T 0009 DER SM2 ciphertext, no KMS header.</summary>
public sealed record AsymmetricEncryptResult(KeyId KeyId, KeyVersionId KeyVersionId, byte[] CiphertextBlob);

/// <summary>AsymmetricEncrypt: encrypts to the version's stored public key (nothing is unwrapped).</summary>
public sealed class AsymmetricEncrypt(KeyPairAccess pairs)
{
    /// <summary>Largest SM2PKE plaintext (ALIYUN_KMS_API.md §4.11).</summary>
    public const int MaxSm2Plaintext = 6_047;

    /// <summary>Runs the action.</summary>
    /// <exception cref="KmsException">
    /// InvalidParameter Algorithm (unknown or not the spec's) or Plaintext (not base64, or longer than the algorithm
    /// takes: 190/214 bytes for RSA_2048 OAEP-SHA-256/SHA-1, 318/342 for RSA_3072, 6047 for SM2PKE); 404; 409;
    /// Rejected.UnsupportedOperation for a key that is not an ENCRYPT/DECRYPT key pair; DryRunOperationError.
    /// </exception>
    public async Task<AsymmetricEncryptResult> HandleAsync(CallContext caller, AsymmetricEncryptRequest request, CancellationToken cancellationToken)
    {
        var algorithm = KeyAlgorithms.ParseEncryption(request.Algorithm);
        var plaintext = Base64Parameter.Decode(request.Plaintext, "Plaintext");
        try
        {
            var (key, version) = await pairs.FindAsync(caller, request.KeyId, request.KeyVersionId, KeyUsages.EncryptDecrypt, cancellationToken);
            KeyAlgorithms.EnsureFits(key.Spec, algorithm);
            if (plaintext.Length > MaxPlaintext(key.Spec, algorithm))
            {
                throw KmsException.Invalid("Plaintext");
            }

            if (request.DryRun)
            {
                throw new KmsException(KmsErrorCode.DryRunOperationError);
            }

            var ciphertext = AsymmetricCipher.Encrypt(KeySpecs.KeyPair(key.Spec), algorithm, version.PublicKey, plaintext);
            return new AsymmetricEncryptResult(key.Id, version.Id, ciphertext);
        }
        finally
        {
            Array.Clear(plaintext);
        }
    }

    /// <summary>The longest plaintext <paramref name="algorithm"/> encrypts under a key of <paramref name="spec"/>.</summary>
    public static int MaxPlaintext(KeySpec spec, AsymmetricEncryptionAlgorithm algorithm)
    {
        if (algorithm == AsymmetricEncryptionAlgorithm.Sm2Pke)
        {
            return MaxSm2Plaintext;
        }

        // RSA-OAEP: modulus length - 2 * hash length - 2.
        var modulus = spec == KeySpec.Rsa3072 ? 384 : 256;
        var hash = algorithm == AsymmetricEncryptionAlgorithm.RsaesOaepSha1 ? 20 : 32;
        return modulus - (2 * hash) - 2;
    }
}
