using System.Security.Cryptography;
using Coffer.Crypto.Asymmetric;

namespace Coffer.Crypto.Tests.Asymmetric;

/// <summary>
/// What data-key export needs from Coffer.Crypto: RSAES-PKCS1-v1_5 encryption (decrypted here by .NET's own RSA, and
/// by openssl in the server's interop tests) and the check that a caller's SubjectPublicKeyInfo is the claimed spec.
/// </summary>
public sealed class DataKeyWrappingTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(32)]
    [InlineData(245)]
    public void EncryptRsaPkcs1V15_DecryptsWithPkcs1Padding(int length)
    {
        using var rsa = RSA.Create(2048);
        var plaintext = CryptoRandom.Bytes(length);

        var ciphertext = AsymmetricCipher.EncryptRsaPkcs1V15(rsa.ExportSubjectPublicKeyInfo(), plaintext);

        Assert.Equal(256, ciphertext.Length);
        Assert.Equal(plaintext, rsa.Decrypt(ciphertext, RSAEncryptionPadding.Pkcs1));
        Assert.ThrowsAny<CryptographicException>(() => rsa.Decrypt(ciphertext, RSAEncryptionPadding.OaepSHA256));
    }

    [Fact]
    public void EncryptRsaPkcs1V15_IsRandomised()
    {
        using var rsa = RSA.Create(2048);
        var spki = rsa.ExportSubjectPublicKeyInfo();

        Assert.NotEqual(AsymmetricCipher.EncryptRsaPkcs1V15(spki, new byte[32]), AsymmetricCipher.EncryptRsaPkcs1V15(spki, new byte[32]));
    }

    [Fact]
    public void EncryptRsaPkcs1V15_LongerThanTheModulusAllows_Throws()
    {
        using var rsa = RSA.Create(2048);

        Assert.ThrowsAny<CryptographicException>(() => AsymmetricCipher.EncryptRsaPkcs1V15(rsa.ExportSubjectPublicKeyInfo(), new byte[246]));
    }

    [Theory]
    [InlineData(AsymmetricKeySpec.Rsa2048)]
    [InlineData(AsymmetricKeySpec.Rsa3072)]
    [InlineData(AsymmetricKeySpec.EcSm2)]
    public void Fits_TheSpecsOwnPublicKey_IsTrue(AsymmetricKeySpec spec)
    {
        using var pair = AsymmetricKeys.Generate(spec);

        Assert.True(PublicKeyCheck.Fits(spec, pair.SubjectPublicKeyInfo));
    }

    [Theory]
    [InlineData(AsymmetricKeySpec.Rsa2048, AsymmetricKeySpec.Rsa3072)]
    [InlineData(AsymmetricKeySpec.Rsa2048, AsymmetricKeySpec.EcSm2)]
    [InlineData(AsymmetricKeySpec.Rsa2048, AsymmetricKeySpec.EcP256)]
    [InlineData(AsymmetricKeySpec.Rsa3072, AsymmetricKeySpec.Rsa2048)]
    [InlineData(AsymmetricKeySpec.EcSm2, AsymmetricKeySpec.EcP256)]
    [InlineData(AsymmetricKeySpec.EcSm2, AsymmetricKeySpec.EcP256K)]
    [InlineData(AsymmetricKeySpec.EcSm2, AsymmetricKeySpec.Rsa2048)]
    public void Fits_AKeyOfAnotherSpec_IsFalse(AsymmetricKeySpec claimed, AsymmetricKeySpec actual)
    {
        using var pair = AsymmetricKeys.Generate(actual);

        Assert.False(PublicKeyCheck.Fits(claimed, pair.SubjectPublicKeyInfo));
    }

    [Fact]
    public void Fits_Rsa1024_IsFalse()
    {
        using var rsa = RSA.Create(1024);

        Assert.False(PublicKeyCheck.Fits(AsymmetricKeySpec.Rsa2048, rsa.ExportSubjectPublicKeyInfo()));
    }

    [Theory]
    [InlineData(AsymmetricKeySpec.Rsa2048)]
    [InlineData(AsymmetricKeySpec.EcSm2)]
    public void Fits_NotExactlyOneDerSubjectPublicKeyInfo_IsFalse(AsymmetricKeySpec spec)
    {
        using var pair = AsymmetricKeys.Generate(spec);
        var spki = pair.SubjectPublicKeyInfo;

        Assert.False(PublicKeyCheck.Fits(spec, [.. spki, 0x00]));
        Assert.False(PublicKeyCheck.Fits(spec, spki.AsSpan(0, spki.Length - 1)));
        Assert.False(PublicKeyCheck.Fits(spec, []));
        Assert.False(PublicKeyCheck.Fits(spec, [0x30, 0x00]));
        Assert.False(PublicKeyCheck.Fits(spec, pair.PrivateKeyPkcs8.Span));
        // The same SEQUENCE with a BER long-form length instead of DER's short or minimal form.
        Assert.False(PublicKeyCheck.Fits(spec, LongFormLength(spki)));
    }

    [Fact]
    public void Fits_Sm2PointOffTheCurve_IsFalse()
    {
        using var pair = AsymmetricKeys.Generate(AsymmetricKeySpec.EcSm2);
        var spki = (byte[])pair.SubjectPublicKeyInfo.Clone();
        spki[^1] ^= 1;

        Assert.False(PublicKeyCheck.Fits(AsymmetricKeySpec.EcSm2, spki));
    }

    // Re-encodes the outer SEQUENCE length one byte longer than needed (0x81 n → 0x82 00 n, or n → 0x81 n).
    private static byte[] LongFormLength(byte[] der)
    {
        if (der[1] < 0x80)
        {
            return [der[0], 0x81, der[1], .. der[2..]];
        }

        var count = der[1] & 0x7f;
        return [der[0], (byte)(0x80 | (count + 1)), 0x00, .. der[2..]];
    }
}
