using System.Security.Cryptography;
using Coffer.Crypto.Secrets;

namespace Coffer.Crypto.Asymmetric;

/// <summary>
/// A generated key pair: the PKCS#8 private key (secret, zeroed on dispose) and the DER SubjectPublicKeyInfo.
/// Its <see cref="ToString"/> never shows the private key.
/// </summary>
public sealed class AsymmetricKeyPair : IDisposable
{
    internal AsymmetricKeyPair(AsymmetricKeySpec spec, SecretBytes privateKeyPkcs8, byte[] subjectPublicKeyInfo)
    {
        Spec = spec;
        PrivateKeyPkcs8 = privateKeyPkcs8;
        SubjectPublicKeyInfo = subjectPublicKeyInfo;
    }

    /// <summary>The key spec.</summary>
    public AsymmetricKeySpec Spec { get; }

    /// <summary>DER PKCS#8 PrivateKeyInfo.</summary>
    public SecretBytes PrivateKeyPkcs8 { get; }

    /// <summary>DER SubjectPublicKeyInfo.</summary>
    public byte[] SubjectPublicKeyInfo { get; }

    /// <summary>Zeroes the private key.</summary>
    public void Dispose() => PrivateKeyPkcs8.Dispose();

    /// <inheritdoc />
    public override string ToString() => $"AsymmetricKeyPair({Spec}, private key redacted)";
}

/// <summary>PEM for GetPublicKey.</summary>
public static class PublicKeyPem
{
    /// <summary>Encodes a DER SubjectPublicKeyInfo as a "PUBLIC KEY" PEM block with LF line ends and a final LF.</summary>
    public static string FromSubjectPublicKeyInfo(ReadOnlySpan<byte> subjectPublicKeyInfo) =>
        PemEncoding.WriteString("PUBLIC KEY", subjectPublicKeyInfo) + "\n";
}
