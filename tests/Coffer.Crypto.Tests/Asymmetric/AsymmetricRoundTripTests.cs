using System.Security.Cryptography;
using System.Text;
using Coffer.Crypto.Asymmetric;
using Coffer.Crypto.Mac;

namespace Coffer.Crypto.Tests.Asymmetric;

/// <summary>The contract battery: every key spec with every algorithm it allows, and the refusals around them.</summary>
public sealed class AsymmetricRoundTripTests
{
    public static TheoryData<AsymmetricKeySpec, SignatureAlgorithm> SignaturePairs => new()
    {
        { AsymmetricKeySpec.Rsa2048, SignatureAlgorithm.RsaPssSha256 },
        { AsymmetricKeySpec.Rsa2048, SignatureAlgorithm.RsaPkcs1Sha256 },
        { AsymmetricKeySpec.Rsa3072, SignatureAlgorithm.RsaPssSha256 },
        { AsymmetricKeySpec.Rsa3072, SignatureAlgorithm.RsaPkcs1Sha256 },
        { AsymmetricKeySpec.EcP256, SignatureAlgorithm.EcdsaSha256 },
        { AsymmetricKeySpec.EcP256K, SignatureAlgorithm.EcdsaSha256 },
        { AsymmetricKeySpec.EcSm2, SignatureAlgorithm.Sm2Dsa },
    };

    public static TheoryData<AsymmetricKeySpec, AsymmetricEncryptionAlgorithm> EncryptionPairs => new()
    {
        { AsymmetricKeySpec.Rsa2048, AsymmetricEncryptionAlgorithm.RsaesOaepSha256 },
        { AsymmetricKeySpec.Rsa2048, AsymmetricEncryptionAlgorithm.RsaesOaepSha1 },
        { AsymmetricKeySpec.Rsa3072, AsymmetricEncryptionAlgorithm.RsaesOaepSha256 },
        { AsymmetricKeySpec.Rsa3072, AsymmetricEncryptionAlgorithm.RsaesOaepSha1 },
        { AsymmetricKeySpec.EcSm2, AsymmetricEncryptionAlgorithm.Sm2Pke },
    };

    [Theory]
    [MemberData(nameof(SignaturePairs))]
    public void Sign_ThenVerify_AcceptsOnlyTheSignedDigest(AsymmetricKeySpec spec, SignatureAlgorithm algorithm)
    {
        using var pair = AsymmetricKeys.Generate(spec);
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes("coffer"));

        var signature = AsymmetricSigner.Sign(spec, algorithm, pair.PrivateKeyPkcs8.Span, digest);

        Assert.True(AsymmetricSigner.Verify(spec, algorithm, pair.SubjectPublicKeyInfo, digest, signature));
        var otherDigest = (byte[])digest.Clone();
        otherDigest[31] ^= 1;
        Assert.False(AsymmetricSigner.Verify(spec, algorithm, pair.SubjectPublicKeyInfo, otherDigest, signature));
        var tampered = (byte[])signature.Clone();
        tampered[^1] ^= 1;
        Assert.False(AsymmetricSigner.Verify(spec, algorithm, pair.SubjectPublicKeyInfo, digest, tampered));
        Assert.False(AsymmetricSigner.Verify(spec, algorithm, pair.SubjectPublicKeyInfo, digest, [0x30, 0x00]));
        Assert.Throws<ArgumentException>(() => AsymmetricSigner.Sign(spec, algorithm, pair.PrivateKeyPkcs8.Span, new byte[31]));
        Assert.Throws<ArgumentException>(() => AsymmetricSigner.Verify(spec, algorithm, pair.SubjectPublicKeyInfo, new byte[48], signature));
    }

    [Theory]
    [MemberData(nameof(SignaturePairs))]
    public void Sign_EcSignaturesAreCanonicalDer(AsymmetricKeySpec spec, SignatureAlgorithm algorithm)
    {
        using var pair = AsymmetricKeys.Generate(spec);
        var signature = AsymmetricSigner.Sign(spec, algorithm, pair.PrivateKeyPkcs8.Span, new byte[32]);

        if (algorithm is SignatureAlgorithm.EcdsaSha256 or SignatureAlgorithm.Sm2Dsa)
        {
            Assert.True(AsymmetricSigner.IsCanonicalDerSignature(signature));
        }
        else
        {
            Assert.Equal(spec == AsymmetricKeySpec.Rsa2048 ? 256 : 384, signature.Length);
        }
    }

    [Theory]
    [MemberData(nameof(EncryptionPairs))]
    public void Encrypt_ThenDecrypt_GivesThePlaintext(AsymmetricKeySpec spec, AsymmetricEncryptionAlgorithm algorithm)
    {
        using var pair = AsymmetricKeys.Generate(spec);
        var plaintext = CryptoRandom.Bytes(32);

        var ciphertext = AsymmetricCipher.Encrypt(spec, algorithm, pair.SubjectPublicKeyInfo, plaintext);

        Assert.True(AsymmetricCipher.TryDecrypt(spec, algorithm, pair.PrivateKeyPkcs8.Span, ciphertext, out var decrypted));
        Assert.Equal(plaintext, decrypted);
        var tampered = (byte[])ciphertext.Clone();
        tampered[^1] ^= 1;
        Assert.False(AsymmetricCipher.TryDecrypt(spec, algorithm, pair.PrivateKeyPkcs8.Span, tampered, out _));
        Assert.False(AsymmetricCipher.TryDecrypt(spec, algorithm, pair.PrivateKeyPkcs8.Span, [1, 2, 3], out _));
    }

    [Fact]
    public void Sm2Pke_CiphertextIsGmt0009Der()
    {
        using var pair = AsymmetricKeys.Generate(AsymmetricKeySpec.EcSm2);
        var ciphertext = AsymmetricCipher.Encrypt(AsymmetricKeySpec.EcSm2, AsymmetricEncryptionAlgorithm.Sm2Pke, pair.SubjectPublicKeyInfo, [1, 2, 3]);

        var reader = new System.Formats.Asn1.AsnReader(ciphertext, System.Formats.Asn1.AsnEncodingRules.DER);
        var sequence = reader.ReadSequence();
        sequence.ReadIntegerBytes();
        sequence.ReadIntegerBytes();
        Assert.Equal(32, sequence.ReadOctetString().Length);
        Assert.Equal(3, sequence.ReadOctetString().Length);
        Assert.False(sequence.HasData);
        Assert.False(reader.HasData);
    }

    [Fact]
    public void Algorithms_ThatDoNotFitTheSpec_AreRefused()
    {
        using var rsa = AsymmetricKeys.Generate(AsymmetricKeySpec.Rsa2048);
        Assert.Throws<ArgumentException>(() => AsymmetricSigner.Sign(AsymmetricKeySpec.Rsa2048, SignatureAlgorithm.EcdsaSha256, rsa.PrivateKeyPkcs8.Span, new byte[32]));
        Assert.Throws<ArgumentException>(() => AsymmetricCipher.Encrypt(AsymmetricKeySpec.Rsa2048, AsymmetricEncryptionAlgorithm.Sm2Pke, rsa.SubjectPublicKeyInfo, [1]));
        Assert.False(AsymmetricCipher.Supports(AsymmetricKeySpec.EcP256, AsymmetricEncryptionAlgorithm.RsaesOaepSha256));
        Assert.False(AsymmetricSigner.Supports(AsymmetricKeySpec.EcSm2, SignatureAlgorithm.EcdsaSha256));
        Assert.False(AsymmetricSigner.Supports(AsymmetricKeySpec.EcP256K, SignatureAlgorithm.Sm2Dsa));
    }

    [Fact]
    public void Sm2_PublicKeyIsIdEcPublicKeyOnTheSm2Curve()
    {
        using var pair = AsymmetricKeys.Generate(AsymmetricKeySpec.EcSm2);

        var reader = new System.Formats.Asn1.AsnReader(pair.SubjectPublicKeyInfo, System.Formats.Asn1.AsnEncodingRules.DER).ReadSequence();
        var algorithm = reader.ReadSequence();
        Assert.Equal("1.2.840.10045.2.1", algorithm.ReadObjectIdentifier());
        Assert.Equal(AsymmetricKeys.Sm2CurveOid, algorithm.ReadObjectIdentifier());
        var pem = PublicKeyPem.FromSubjectPublicKeyInfo(pair.SubjectPublicKeyInfo);
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----\n", pem, StringComparison.Ordinal);
        Assert.EndsWith("-----END PUBLIC KEY-----\n", pem, StringComparison.Ordinal);
    }

    [Fact]
    public void KeyPair_ToStringDoesNotShowThePrivateKey()
    {
        using var pair = AsymmetricKeys.Generate(AsymmetricKeySpec.EcP256);

        Assert.DoesNotContain(Convert.ToHexString(pair.PrivateKeyPkcs8.Span), pair.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("redacted", pair.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(MacAlgorithm.HmacSha224, 28)]
    [InlineData(MacAlgorithm.HmacSha256, 32)]
    [InlineData(MacAlgorithm.HmacSha384, 48)]
    [InlineData(MacAlgorithm.HmacSha512, 64)]
    [InlineData(MacAlgorithm.HmacSm3, 32)]
    public void Hmac_GenerateKeyComputeVerify(MacAlgorithm algorithm, int length)
    {
        using var key = Hmac.GenerateKey(algorithm);
        Assert.Equal(length, key.Length);
        var message = Encoding.UTF8.GetBytes("coffer");

        var mac = Hmac.Compute(algorithm, key.Span, message);

        Assert.Equal(length, mac.Length);
        Assert.True(Hmac.Verify(algorithm, key.Span, message, mac));
        Assert.False(Hmac.Verify(algorithm, key.Span, message, mac.AsSpan(0, length - 1)));
        mac[0] ^= 1;
        Assert.False(Hmac.Verify(algorithm, key.Span, message, mac));
    }
}
