using Coffer.Core.Errors;
using Coffer.Core.Keys;
using Coffer.Core.Requests;
using Coffer.Crypto.Asymmetric;

namespace Coffer.Core.Operations;

/// <summary>GetPublicKey parameters: the key (any form) and the version, which asymmetric calls always name.</summary>
public sealed record GetPublicKeyRequest(string KeyId, string KeyVersionId, bool DryRun);

/// <summary>GetPublicKey result: the version's SubjectPublicKeyInfo as a "PUBLIC KEY" PEM block with LF line ends.</summary>
public sealed record GetPublicKeyResult(KeyId KeyId, KeyVersionId KeyVersionId, string PublicKey);

/// <summary>GetPublicKey: the stored public key of an Enabled key pair's version, either usage; nothing is unwrapped.</summary>
public sealed class GetPublicKey(KeyPairAccess pairs)
{
    /// <summary>Runs the action.</summary>
    /// <exception cref="KmsException">
    /// 404 for the key or version; 409 for its state; Rejected.UnsupportedOperation for a symmetric or HMAC key;
    /// DryRunOperationError.
    /// </exception>
    public async Task<GetPublicKeyResult> HandleAsync(CallContext caller, GetPublicKeyRequest request, CancellationToken cancellationToken)
    {
        var (key, version) = await pairs.FindAsync(caller, request.KeyId, request.KeyVersionId, usage: null, cancellationToken);
        if (request.DryRun)
        {
            throw new KmsException(KmsErrorCode.DryRunOperationError);
        }

        return new GetPublicKeyResult(key.Id, version.Id, PublicKeyPem.FromSubjectPublicKeyInfo(version.PublicKey));
    }
}
