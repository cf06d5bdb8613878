namespace Coffer.Crypto.Mac;

/// <summary>GenerateMac / VerifyMac algorithms (HMAC_SHA_224 … HMAC_SM3).</summary>
public enum MacAlgorithm
{
    /// <summary>HMAC_SHA_224.</summary>
    HmacSha224,

    /// <summary>HMAC_SHA_256.</summary>
    HmacSha256,

    /// <summary>HMAC_SHA_384.</summary>
    HmacSha384,

    /// <summary>HMAC_SHA_512.</summary>
    HmacSha512,

    /// <summary>HMAC_SM3.</summary>
    HmacSm3,
}
