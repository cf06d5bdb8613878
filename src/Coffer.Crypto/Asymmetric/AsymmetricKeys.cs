using System.Security.Cryptography;
using Coffer.Crypto.Secrets;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace Coffer.Crypto.Asymmetric;

/// <summary>Generates key pairs: RSA and P-256 through .NET, secp256k1 and SM2 through BouncyCastle.</summary>
public static class AsymmetricKeys
{
    /// <summary>OID of the SM2 curve sm2p256v1 (1.2.156.10197.1.301).</summary>
    public const string Sm2CurveOid = "1.2.156.10197.1.301";

    /// <summary>Generates a fresh key pair of <paramref name="spec"/>.</summary>
    public static AsymmetricKeyPair Generate(AsymmetricKeySpec spec)
    {
        switch (spec)
        {
            case AsymmetricKeySpec.Rsa2048:
            case AsymmetricKeySpec.Rsa3072:
                using (var rsa = RSA.Create(spec == AsymmetricKeySpec.Rsa2048 ? 2048 : 3072))
                {
                    return new AsymmetricKeyPair(spec, new SecretBytes(rsa.ExportPkcs8PrivateKey()), rsa.ExportSubjectPublicKeyInfo());
                }

            case AsymmetricKeySpec.EcP256:
                using (var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256))
                {
                    return new AsymmetricKeyPair(spec, new SecretBytes(ecdsa.ExportPkcs8PrivateKey()), ecdsa.ExportSubjectPublicKeyInfo());
                }

            case AsymmetricKeySpec.EcP256K:
            case AsymmetricKeySpec.EcSm2:
                return GenerateBouncy(spec, spec == AsymmetricKeySpec.EcP256K ? SecObjectIdentifiers.SecP256k1 : GMObjectIdentifiers.sm2p256v1);

            default:
                throw new ArgumentOutOfRangeException(nameof(spec), spec, "Unknown key spec.");
        }
    }

    private static AsymmetricKeyPair GenerateBouncy(AsymmetricKeySpec spec, DerObjectIdentifier curve)
    {
        var generator = new ECKeyPairGenerator();
        generator.Init(new ECKeyGenerationParameters(curve, BouncyRandom.Create()));
        var pair = generator.GenerateKeyPair();
        var privateKey = PrivateKeyInfoFactory.CreatePrivateKeyInfo(pair.Private).GetDerEncoded();
        var publicKey = SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(pair.Public).GetDerEncoded();
        return new AsymmetricKeyPair(spec, new SecretBytes(privateKey), publicKey);
    }

    internal static ECPrivateKeyParameters BouncyPrivate(ReadOnlySpan<byte> pkcs8, DerObjectIdentifier curve)
    {
        var key = PrivateKeyFactory.CreateKey(pkcs8.ToArray()) as ECPrivateKeyParameters
            ?? throw new CryptographicException("Not an EC private key.");
        return key.Parameters is ECNamedDomainParameters named && named.Name.Equals(curve)
            ? key
            : throw new CryptographicException("Private key is on the wrong curve.");
    }

    internal static ECPublicKeyParameters BouncyPublic(ReadOnlySpan<byte> subjectPublicKeyInfo, DerObjectIdentifier curve)
    {
        var key = PublicKeyFactory.CreateKey(subjectPublicKeyInfo.ToArray()) as ECPublicKeyParameters
            ?? throw new CryptographicException("Not an EC public key.");
        return key.Parameters is ECNamedDomainParameters named && named.Name.Equals(curve)
            ? key
            : throw new CryptographicException("Public key is on the wrong curve.");
    }
}
