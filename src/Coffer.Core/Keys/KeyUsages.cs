namespace Coffer.Core.Keys;

/// <summary>Alibaba's KeyUsage values, spelt as on the wire and in storage.</summary>
public static class KeyUsages
{
    /// <summary>Symmetric keys, and RSA or SM2 key pairs made for encryption.</summary>
    public const string EncryptDecrypt = "ENCRYPT/DECRYPT";

    /// <summary>Key pairs made for signing (the default of every key-pair spec).</summary>
    public const string SignVerify = "SIGN/VERIFY";

    /// <summary>HMAC keys (their default and only usage).</summary>
    public const string GenerateVerifyMac = "GENERATE/VERIFY_MAC";
}
