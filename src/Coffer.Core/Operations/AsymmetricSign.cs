using System.Text;
using Coffer.Core.Errors;
using Coffer.Core.Keys;
using Coffer.Core.Requests;

namespace Coffer.Core.Operations;

/// <summary>AsymmetricSign parameters as received: the Algorithm name and the base64 Digest are checked by the handler.</summary>
public sealed record AsymmetricSignRequest(string KeyId, string KeyVersionId, string Algorithm, string Digest, bool DryRun);

/// <summary>AsymmetricSign result: the signature (RSA raw, ECDSA and SM2 DER SEQUENCE{r,s}).</summary>
public sealed record AsymmetricSignResult(KeyId KeyId, KeyVersionId KeyVersionId, byte[] Value)
{
    // Security: signatures stay out of logs and ToString.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("KeyId = ").Append(KeyId).Append(", KeyVersionId = ").Append(KeyVersionId).Append(", Value = (redacted)");
        return true;
    }
}

/// <summary>AsymmetricSign: signs the caller's 32-byte digest as given (never hashed again) with a SIGN/VERIFY key pair.</summary>
public sealed class AsymmetricSign(KeyPairAccess pairs)
{
    /// <summary>Runs the action.</summary>
    /// <exception cref="KmsException">
    /// InvalidParameter Algorithm (unknown, or not one the key's spec allows) or Digest (not base64, not 32 bytes);
    /// 404 for the key or version; 409 for its state; Rejected.UnsupportedOperation for a key that is not a SIGN/VERIFY
    /// key pair; DryRunOperationError.
    /// </exception>
    public async Task<AsymmetricSignResult> HandleAsync(CallContext caller, AsymmetricSignRequest request, CancellationToken cancellationToken)
    {
        var algorithm = KeyAlgorithms.ParseSignature(request.Algorithm);
        var digest = AsymmetricDigest.Decode(request.Digest);
        var (key, version) = await pairs.FindAsync(caller, request.KeyId, request.KeyVersionId, KeyUsages.SignVerify, cancellationToken);
        KeyAlgorithms.EnsureFits(key.Spec, algorithm);
        if (request.DryRun)
        {
            throw new KmsException(KmsErrorCode.DryRunOperationError);
        }

        var signature = pairs.WithPrivateKey(key, version, privateKey => privateKey.Sign(algorithm, digest));
        return new AsymmetricSignResult(key.Id, version.Id, signature);
    }
}
