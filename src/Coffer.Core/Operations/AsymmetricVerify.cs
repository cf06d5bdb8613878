using Coffer.Core.Errors;
using Coffer.Core.Keys;
using Coffer.Core.Requests;
using Coffer.Crypto.Asymmetric;

namespace Coffer.Core.Operations;

/// <summary>AsymmetricVerify parameters as received (base64 Digest and Value, Algorithm name).</summary>
public sealed record AsymmetricVerifyRequest(string KeyId, string KeyVersionId, string Algorithm, string Digest, string Value, bool DryRun);

/// <summary>AsymmetricVerify result: whether the signature verifies.</summary>
public sealed record AsymmetricVerifyResult(KeyId KeyId, KeyVersionId KeyVersionId, bool Value);

/// <summary>
/// AsymmetricVerify: checks a signature of the caller's digest against the version's stored public key (nothing is
/// unwrapped). A signature that is well-formed base64 but does not verify, malformed DER included, is false.
/// </summary>
public sealed class AsymmetricVerify(KeyPairAccess pairs)
{
    /// <summary>Runs the action.</summary>
    /// <exception cref="KmsException">
    /// InvalidParameter Algorithm, Digest or Value (not base64); 404; 409; Rejected.UnsupportedOperation for a key that is
    /// not a SIGN/VERIFY key pair; DryRunOperationError.
    /// </exception>
    public async Task<AsymmetricVerifyResult> HandleAsync(CallContext caller, AsymmetricVerifyRequest request, CancellationToken cancellationToken)
    {
        var algorithm = KeyAlgorithms.ParseSignature(request.Algorithm);
        var digest = AsymmetricDigest.Decode(request.Digest);
        var signature = Base64Parameter.Decode(request.Value, "Value");
        var (key, version) = await pairs.FindAsync(caller, request.KeyId, request.KeyVersionId, KeyUsages.SignVerify, cancellationToken);
        KeyAlgorithms.EnsureFits(key.Spec, algorithm);
        if (request.DryRun)
        {
            throw new KmsException(KmsErrorCode.DryRunOperationError);
        }

        var valid = AsymmetricSigner.Verify(KeySpecs.KeyPair(key.Spec), algorithm, version.PublicKey, digest, signature);
        return new AsymmetricVerifyResult(key.Id, version.Id, valid);
    }
}
