using System.Security.Cryptography;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace Coffer.Crypto.Asymmetric;

/// <summary>
/// AsymmetricEncrypt / AsymmetricDecrypt: RSA-OAEP through .NET, SM2PKE through BouncyCastle with ciphertexts in
/// GM/T 0009 DER SEQUENCE{INTEGER x, INTEGER y, OCTET STRING C3, OCTET STRING C2}, as OpenSSL writes them.
/// </summary>
public static class AsymmetricCipher
{
    private const int Sm2CoordinateLength = 32;
    private const int Sm3Length = 32;

    /// <summary>Whether <paramref name="algorithm"/> may be used with a key of <paramref name="spec"/>.</summary>
    public static bool Supports(AsymmetricKeySpec spec, AsymmetricEncryptionAlgorithm algorithm) => (spec, algorithm) switch
    {
        (AsymmetricKeySpec.Rsa2048 or AsymmetricKeySpec.Rsa3072, AsymmetricEncryptionAlgorithm.RsaesOaepSha256 or AsymmetricEncryptionAlgorithm.RsaesOaepSha1
            or AsymmetricEncryptionAlgorithm.RsaesPkcs1V15) => true,
        (AsymmetricKeySpec.EcSm2, AsymmetricEncryptionAlgorithm.Sm2Pke) => true,
        _ => false,
    };

    /// <summary>Encrypts <paramref name="plaintext"/> to the SubjectPublicKeyInfo.</summary>
    /// <exception cref="ArgumentException">The algorithm does not fit the spec.</exception>
    /// <exception cref="CryptographicException">The key cannot be read or the plaintext is too long.</exception>
    public static byte[] Encrypt(
        AsymmetricKeySpec spec,
        AsymmetricEncryptionAlgorithm algorithm,
        ReadOnlySpan<byte> subjectPublicKeyInfo,
        ReadOnlySpan<byte> plaintext)
    {
        Check(spec, algorithm);
        if (algorithm == AsymmetricEncryptionAlgorithm.Sm2Pke)
        {
            return EncryptSm2(AsymmetricKeys.BouncyPublic(subjectPublicKeyInfo, GMObjectIdentifiers.sm2p256v1), plaintext, BouncyRandom.Create());
        }

        using var rsa = RSA.Create();
        rsa.ImportSubjectPublicKeyInfo(subjectPublicKeyInfo, out _);
        return rsa.Encrypt(plaintext.ToArray(), Padding(algorithm));
    }

    /// <summary>
    /// RSAES-PKCS1-v1_5 encryption (RFC 8017 §7.2) to an RSA SubjectPublicKeyInfo: a wrapping algorithm only (data-key
    /// export), never an AsymmetricEncrypt algorithm.
    /// </summary>
    /// <exception cref="CryptographicException">The key cannot be read or the plaintext is longer than the modulus less 11 bytes.</exception>
    public static byte[] EncryptRsaPkcs1V15(ReadOnlySpan<byte> subjectPublicKeyInfo, ReadOnlySpan<byte> plaintext)
    {
        using var rsa = RSA.Create();
        rsa.ImportSubjectPublicKeyInfo(subjectPublicKeyInfo, out _);
        return rsa.Encrypt(plaintext.ToArray(), RSAEncryptionPadding.Pkcs1);
    }

    /// <summary>
    /// Decrypts <paramref name="ciphertext"/> with the PKCS#8 private key, imported for this call alone; false when the
    /// ciphertext is malformed or does not decrypt under the key.
    /// </summary>
    /// <remarks>
    /// The caller owns and must wipe <paramref name="plaintext"/>. To decrypt many ciphertexts with one key, import it once
    /// as a <see cref="PrivateKeyHandle"/>.
    /// </remarks>
    /// <exception cref="ArgumentException">The algorithm does not fit the spec.</exception>
    public static bool TryDecrypt(
        AsymmetricKeySpec spec,
        AsymmetricEncryptionAlgorithm algorithm,
        ReadOnlySpan<byte> privateKeyPkcs8,
        ReadOnlySpan<byte> ciphertext,
        out byte[] plaintext)
    {
        Check(spec, algorithm);
        using var key = PrivateKeyHandle.Import(spec, privateKeyPkcs8);
        return key.TryDecrypt(algorithm, ciphertext, out plaintext);
    }

    /// <summary>RSA-OAEP or RSAES-PKCS1-v1_5 decryption for a key of any size (used by vector tests too).</summary>
    internal static bool TryDecryptRsa(AsymmetricEncryptionAlgorithm algorithm, ReadOnlySpan<byte> privateKeyPkcs8, ReadOnlySpan<byte> ciphertext, out byte[] plaintext)
    {
        // The RSA handle does not check the modulus size, so any RSA key imports under an RSA spec.
        using var key = PrivateKeyHandle.Import(AsymmetricKeySpec.Rsa2048, privateKeyPkcs8);
        return key.TryDecrypt(algorithm, ciphertext, out plaintext);
    }

    internal static byte[] EncryptSm2(ECPublicKeyParameters key, ReadOnlySpan<byte> plaintext, SecureRandom random)
    {
        var engine = new SM2Engine(new SM3Digest(), SM2Engine.Mode.C1C3C2);
        engine.Init(true, new ParametersWithRandom(key, random));
        var raw = engine.ProcessBlock(plaintext.ToArray(), 0, plaintext.Length);
        return DerFromC1C3C2(raw);
    }

    internal static bool TryDecryptSm2(ECPrivateKeyParameters key, ReadOnlySpan<byte> ciphertext, out byte[] plaintext)
    {
        plaintext = [];
        if (!TryC1C3C2FromDer(ciphertext, out var raw))
        {
            return false;
        }

        var engine = new SM2Engine(new SM3Digest(), SM2Engine.Mode.C1C3C2);
        engine.Init(false, key);
        try
        {
            plaintext = engine.ProcessBlock(raw, 0, raw.Length);
            return true;
        }
        catch (Exception ex) when (ex is InvalidCipherTextException or ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>BouncyCastle's 04‖x‖y‖C3‖C2 → GM/T 0009 DER SEQUENCE{x, y, C3, C2}.</summary>
    internal static byte[] DerFromC1C3C2(ReadOnlySpan<byte> raw)
    {
        var c1 = 1 + (2 * Sm2CoordinateLength);
        if (raw.Length < c1 + Sm3Length || raw[0] != 0x04)
        {
            throw new CryptographicException("Unexpected SM2 ciphertext layout.");
        }

        var x = new Org.BouncyCastle.Math.BigInteger(1, raw.Slice(1, Sm2CoordinateLength).ToArray());
        var y = new Org.BouncyCastle.Math.BigInteger(1, raw.Slice(1 + Sm2CoordinateLength, Sm2CoordinateLength).ToArray());
        return new DerSequence(
            new DerInteger(x),
            new DerInteger(y),
            new DerOctetString(raw.Slice(c1, Sm3Length).ToArray()),
            new DerOctetString(raw[(c1 + Sm3Length)..].ToArray())).GetDerEncoded();
    }

    /// <summary>GM/T 0009 DER → 04‖x‖y‖C3‖C2; false for anything that is not exactly that structure in DER.</summary>
    internal static bool TryC1C3C2FromDer(ReadOnlySpan<byte> der, out byte[] raw)
    {
        raw = [];
        try
        {
            var bytes = der.ToArray();
            var sequence = Asn1Sequence.GetInstance(Asn1Object.FromByteArray(bytes));
            if (sequence.Count != 4)
            {
                return false;
            }

            var x = DerInteger.GetInstance(sequence[0]).Value;
            var y = DerInteger.GetInstance(sequence[1]).Value;
            var c3 = Asn1OctetString.GetInstance(sequence[2]).GetOctets();
            var c2 = Asn1OctetString.GetInstance(sequence[3]).GetOctets();
            // Security: only the DER encoding is accepted, so a ciphertext has exactly one accepted form.
            if (x.SignValue < 0 || y.SignValue < 0 || x.BitLength > 256 || y.BitLength > 256 || c3.Length != Sm3Length
                || c2.Length == 0 || !sequence.GetDerEncoded().AsSpan().SequenceEqual(bytes))
            {
                return false;
            }

            raw = new byte[1 + (2 * Sm2CoordinateLength) + Sm3Length + c2.Length];
            raw[0] = 0x04;
            x.ToByteArrayUnsigned().CopyTo(raw.AsSpan(1 + Sm2CoordinateLength - x.ToByteArrayUnsigned().Length));
            y.ToByteArrayUnsigned().CopyTo(raw.AsSpan(1 + (2 * Sm2CoordinateLength) - y.ToByteArrayUnsigned().Length));
            c3.CopyTo(raw, 1 + (2 * Sm2CoordinateLength));
            c2.CopyTo(raw, 1 + (2 * Sm2CoordinateLength) + Sm3Length);
            return true;
        }
        catch (Exception ex) when (ex is ArgumentException or IOException or InvalidCastException or InvalidOperationException
            or Asn1Exception or IndexOutOfRangeException)
        {
            return false;
        }
    }

    internal static void Check(AsymmetricKeySpec spec, AsymmetricEncryptionAlgorithm algorithm)
    {
        if (!Supports(spec, algorithm))
        {
            throw new ArgumentException($"{algorithm} does not fit a {spec} key.", nameof(algorithm));
        }
    }

    internal static RSAEncryptionPadding Padding(AsymmetricEncryptionAlgorithm algorithm) => algorithm switch
    {
        AsymmetricEncryptionAlgorithm.RsaesOaepSha1 => RSAEncryptionPadding.OaepSHA1,
        AsymmetricEncryptionAlgorithm.RsaesOaepSha256 => RSAEncryptionPadding.OaepSHA256,
        // Security: PKCS#1 v1.5 decryption is a padding oracle if its failures can be told apart; callers answer every
        // failure (padding, length, content) with one error.
        AsymmetricEncryptionAlgorithm.RsaesPkcs1V15 => RSAEncryptionPadding.Pkcs1,
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Not an RSA encryption algorithm."),
    };
}
