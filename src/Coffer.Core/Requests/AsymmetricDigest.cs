using Coffer.Core.Errors;
using Coffer.Crypto.Asymmetric;

namespace Coffer.Core.Requests;

/// <summary>The Digest parameter of AsymmetricSign and AsymmetricVerify.</summary>
public static class AsymmetricDigest
{
    /// <summary>The parameter's wire name.</summary>
    public const string Parameter = "Digest";

    /// <summary>Decodes the base64 digest, which must be exactly 32 bytes (SHA-256, or SM3(Z‖M) for SM2DSA).</summary>
    /// <exception cref="KmsException">InvalidParameter Digest.</exception>
    public static byte[] Decode(string base64)
    {
        var digest = Base64Parameter.Decode(base64, Parameter);
        return digest.Length == AsymmetricSigner.DigestLength ? digest : throw KmsException.Invalid(Parameter);
    }
}
