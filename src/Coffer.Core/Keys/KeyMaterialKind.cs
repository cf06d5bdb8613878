namespace Coffer.Core.Keys;

/// <summary>What a key version's wrapped material is, which decides the calls a key accepts.</summary>
public enum KeyMaterialKind
{
    /// <summary>A symmetric AEAD key (Encrypt, Decrypt, GenerateDataKey*, ReEncrypt).</summary>
    Symmetric,

    /// <summary>A PKCS#8 private key, with its SubjectPublicKeyInfo stored beside the version (Asymmetric*, GetPublicKey).</summary>
    KeyPair,

    /// <summary>An HMAC key as long as its hash output (GenerateMac, VerifyMac).</summary>
    Hmac,
}
