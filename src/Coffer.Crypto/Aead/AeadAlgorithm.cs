namespace Coffer.Crypto.Aead;

/// <summary>The block ciphers Coffer runs in GCM mode.</summary>
public enum AeadAlgorithm
{
    /// <summary>AES (128, 192 or 256-bit key) in GCM mode, through .NET's AesGcm.</summary>
    AesGcm,

    /// <summary>SM4 (128-bit key) in GCM mode, through BouncyCastle.</summary>
    Sm4Gcm,
}
