using Coffer.Core.Errors;
using Coffer.Core.Import;
using Coffer.Core.Keys;
using Coffer.Core.Requests;
using Coffer.Core.Storage;
using Coffer.Crypto.Asymmetric;
using Coffer.Crypto.Wrapping;

namespace Coffer.Core.Operations;

/// <summary>GetParametersForImport parameters, in the API table's order.</summary>
/// <param name="KeyId">The EXTERNAL key (key ID or key ARN).</param>
/// <param name="WrappingAlgorithm">RSAES_PKCS1_V1_5, RSAES_OAEP_SHA_1, RSAES_OAEP_SHA_256 or SM2PKE.</param>
/// <param name="WrappingKeySpec">RSA_2048 or EC_SM2.</param>
public sealed record GetParametersForImportRequest(string KeyId, string WrappingAlgorithm, string WrappingKeySpec);

/// <summary>GetParametersForImport result.</summary>
/// <param name="KeyId">The resolved key ID.</param>
/// <param name="PublicKey">The wrapping key pair's DER SubjectPublicKeyInfo.</param>
/// <param name="ImportToken">The opaque token ImportKeyMaterial takes with the wrapped material.</param>
/// <param name="TokenExpireTime">When the token stops being accepted (now + 24 h).</param>
public sealed record GetParametersForImportResult(KeyId KeyId, byte[] PublicKey, string ImportToken, DateTimeOffset TokenExpireTime);

/// <summary>
/// GetParametersForImport: makes a fresh wrapping key pair for an EXTERNAL key, stores its private key wrapped under
/// the root key, and answers the public key with a token naming the pair. Allowed in every key state
/// (ALIYUN_KMS_API.md §4.3).
/// </summary>
public sealed class GetParametersForImport(KeyResolver resolver, IImportWrappingKeyStore wrappingKeys, RootKey root, TimeProvider time)
{
    /// <summary>Runs the action.</summary>
    /// <exception cref="KmsException">
    /// InvalidParameter WrappingAlgorithm / WrappingKeySpec; Unsupported.Alias; Forbidden.KeyNotFound; Unsupported.Origin
    /// for a key whose material Coffer made.
    /// </exception>
    public async Task<GetParametersForImportResult> HandleAsync(
        CallContext caller, GetParametersForImportRequest request, CancellationToken cancellationToken)
    {
        var parameters = WrappingParameters.Parse(request.WrappingAlgorithm, request.WrappingKeySpec);
        var key = await resolver.ResolveKeyIdAsync(caller, request.KeyId, cancellationToken);
        if (!key.IsExternal)
        {
            throw new KmsException(KmsErrorCode.UnsupportedOrigin);
        }

        var now = KeyRotation.WholeSeconds(time.GetUtcNow());
        var id = Guid.NewGuid().ToString("D");
        using var pair = AsymmetricKeys.Generate(parameters.Spec);
        var wrappingKey = new ImportWrappingKey(
            key.Account,
            key.Id,
            id,
            parameters,
            root.Wrap(pair.PrivateKeyPkcs8.Span, ImportWrappingKey.Label(key.Account, key.Id, id, parameters)),
            now,
            now + KeyImport.TokenLifetime);
        await wrappingKeys.CreateAsync(wrappingKey, cancellationToken);
        return new GetParametersForImportResult(key.Id, pair.SubjectPublicKeyInfo, ImportToken.Issue(root, wrappingKey), wrappingKey.ExpireTime);
    }
}
