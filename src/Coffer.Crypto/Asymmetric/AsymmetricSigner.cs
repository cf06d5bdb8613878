using System.Formats.Asn1;
using System.Security.Cryptography;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;

namespace Coffer.Crypto.Asymmetric;

/// <summary>
/// Signs and verifies a caller-supplied 32-byte digest (AsymmetricSign / AsymmetricVerify). RSA and P-256 use .NET;
/// secp256k1 and SM2 use BouncyCastle. ECDSA and SM2 signatures are DER SEQUENCE{r,s}.
/// </summary>
public static class AsymmetricSigner
{
    /// <summary>The only digest length the API accepts.</summary>
    public const int DigestLength = 32;

    /// <summary>Whether <paramref name="algorithm"/> may be used with a key of <paramref name="spec"/>.</summary>
    public static bool Supports(AsymmetricKeySpec spec, SignatureAlgorithm algorithm) => (spec, algorithm) switch
    {
        (AsymmetricKeySpec.Rsa2048 or AsymmetricKeySpec.Rsa3072, SignatureAlgorithm.RsaPssSha256 or SignatureAlgorithm.RsaPkcs1Sha256) => true,
        (AsymmetricKeySpec.EcP256 or AsymmetricKeySpec.EcP256K, SignatureAlgorithm.EcdsaSha256) => true,
        (AsymmetricKeySpec.EcSm2, SignatureAlgorithm.Sm2Dsa) => true,
        _ => false,
    };

    /// <summary>Signs <paramref name="digest"/> with the PKCS#8 private key, imported for this call alone.</summary>
    /// <remarks>To sign many digests with one key, import it once as a <see cref="PrivateKeyHandle"/>.</remarks>
    /// <exception cref="ArgumentException">The digest is not 32 bytes or the algorithm does not fit the spec.</exception>
    /// <exception cref="CryptographicException">The key cannot be read.</exception>
    public static byte[] Sign(AsymmetricKeySpec spec, SignatureAlgorithm algorithm, ReadOnlySpan<byte> privateKeyPkcs8, ReadOnlySpan<byte> digest)
    {
        Check(spec, algorithm, digest);
        using var key = PrivateKeyHandle.Import(spec, privateKeyPkcs8);
        return key.Sign(algorithm, digest);
    }

    /// <summary>
    /// Whether <paramref name="signature"/> is a valid signature of <paramref name="digest"/> under the
    /// SubjectPublicKeyInfo. A malformed or non-canonical signature is simply false.
    /// </summary>
    /// <exception cref="ArgumentException">The digest is not 32 bytes or the algorithm does not fit the spec.</exception>
    /// <exception cref="CryptographicException">The public key cannot be read.</exception>
    public static bool Verify(
        AsymmetricKeySpec spec,
        SignatureAlgorithm algorithm,
        ReadOnlySpan<byte> subjectPublicKeyInfo,
        ReadOnlySpan<byte> digest,
        ReadOnlySpan<byte> signature)
    {
        Check(spec, algorithm, digest);
        switch (spec)
        {
            case AsymmetricKeySpec.Rsa2048:
            case AsymmetricKeySpec.Rsa3072:
                using (var rsa = RSA.Create())
                {
                    rsa.ImportSubjectPublicKeyInfo(subjectPublicKeyInfo, out _);
                    return rsa.VerifyHash(digest, signature, HashAlgorithmName.SHA256, Padding(algorithm));
                }

            case AsymmetricKeySpec.EcP256:
                using (var ecdsa = ECDsa.Create())
                {
                    ecdsa.ImportSubjectPublicKeyInfo(subjectPublicKeyInfo, out _);
                    // Security: only canonical DER with positive r and s is accepted, so one signature has one
                    // encoding; .NET alone takes an INTEGER that misses its leading zero as unsigned.
                    return IsCanonicalDerSignature(signature)
                        && ecdsa.VerifyHash(digest, signature, DSASignatureFormat.Rfc3279DerSequence);
                }

            case AsymmetricKeySpec.EcP256K:
                return VerifySecp256k1(AsymmetricKeys.BouncyPublic(subjectPublicKeyInfo, SecObjectIdentifiers.SecP256k1), digest, signature);

            default:
                return VerifySm2(AsymmetricKeys.BouncyPublic(subjectPublicKeyInfo, GMObjectIdentifiers.sm2p256v1), digest, signature);
        }
    }

    /// <summary>RSA verification for a key of any size (used by vector tests).</summary>
    internal static bool VerifyRsa(SignatureAlgorithm algorithm, ReadOnlySpan<byte> subjectPublicKeyInfo, ReadOnlySpan<byte> digest, ReadOnlySpan<byte> signature)
    {
        using var rsa = RSA.Create();
        rsa.ImportSubjectPublicKeyInfo(subjectPublicKeyInfo, out _);
        return rsa.VerifyHash(digest, signature, HashAlgorithmName.SHA256, Padding(algorithm));
    }

    /// <summary>ECDSA verification of an IEEE P1363 r‖s signature (vector tests only; the API takes DER).</summary>
    internal static bool VerifyEcdsaP1363(AsymmetricKeySpec spec, ReadOnlySpan<byte> subjectPublicKeyInfo, ReadOnlySpan<byte> digest, ReadOnlySpan<byte> signature)
    {
        if (spec == AsymmetricKeySpec.EcP256)
        {
            using var ecdsa = ECDsa.Create();
            ecdsa.ImportSubjectPublicKeyInfo(subjectPublicKeyInfo, out _);
            return ecdsa.VerifyHash(digest, signature, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }

        var key = AsymmetricKeys.BouncyPublic(subjectPublicKeyInfo, SecObjectIdentifiers.SecP256k1);
        Org.BouncyCastle.Math.BigInteger[] rs;
        try
        {
            rs = PlainDsaEncoding.Instance.Decode(key.Parameters.N, signature.ToArray());
        }
        catch (ArgumentException)
        {
            return false;
        }

        var signer = new ECDsaSigner();
        signer.Init(false, key);
        return signer.VerifySignature(digest.ToArray(), rs[0], rs[1]);
    }

    internal static byte[] SignSecp256k1(ECPrivateKeyParameters key, ReadOnlySpan<byte> digest, SecureRandom random)
    {
        var signer = new ECDsaSigner();
        signer.Init(true, new ParametersWithRandom(key, random));
        var rs = signer.GenerateSignature(digest.ToArray());
        return StandardDsaEncoding.Instance.Encode(key.Parameters.N, rs[0], rs[1]);
    }

    internal static bool VerifySecp256k1(ECPublicKeyParameters key, ReadOnlySpan<byte> digest, ReadOnlySpan<byte> signature)
    {
        if (!TryDecodeDer(key.Parameters.N, signature, out var r, out var s))
        {
            return false;
        }

        var signer = new ECDsaSigner();
        signer.Init(false, key);
        return signer.VerifySignature(digest.ToArray(), r, s);
    }

    /// <summary>
    /// SM2 signature of e = <paramref name="digest"/> as given: the caller has already computed SM3(Z‖M), so the
    /// digest is not hashed again. <paramref name="random"/> supplies k (tests inject a fixed k).
    /// </summary>
    internal static byte[] SignSm2(ECPrivateKeyParameters key, ReadOnlySpan<byte> digest, SecureRandom random)
    {
        var signer = new SM2Signer(StandardDsaEncoding.Instance, new PresetDigest());
        signer.Init(true, new ParametersWithRandom(key, random));
        signer.BlockUpdate(digest);
        return signer.GenerateSignature();
    }

    internal static bool VerifySm2(ECPublicKeyParameters key, ReadOnlySpan<byte> digest, ReadOnlySpan<byte> signature)
    {
        if (!TryDecodeDer(key.Parameters.N, signature, out _, out _))
        {
            return false;
        }

        var signer = new SM2Signer(StandardDsaEncoding.Instance, new PresetDigest());
        signer.Init(false, key);
        signer.BlockUpdate(digest);
        return signer.VerifySignature(signature.ToArray());
    }

    /// <summary>Decodes DER SEQUENCE{r,s}, refusing any encoding that is not the canonical one or a value outside [1, n).</summary>
    internal static bool TryDecodeDer(
        Org.BouncyCastle.Math.BigInteger n,
        ReadOnlySpan<byte> signature,
        out Org.BouncyCastle.Math.BigInteger r,
        out Org.BouncyCastle.Math.BigInteger s)
    {
        r = s = Org.BouncyCastle.Math.BigInteger.Zero;
        try
        {
            // Security: BouncyCastle re-encodes and compares, so BER, padded or trailing-data encodings fail here.
            var rs = StandardDsaEncoding.Instance.Decode(n, signature.ToArray());
            r = rs[0];
            s = rs[1];
            return r.SignValue > 0 && s.SignValue > 0;
        }
        catch (Exception ex) when (ex is ArgumentException or IOException or InvalidCastException or InvalidOperationException
            or Org.BouncyCastle.Asn1.Asn1Exception or IndexOutOfRangeException or OverflowException)
        {
            return false;
        }
    }

    /// <summary>Whether the bytes are exactly DER SEQUENCE{INTEGER r, INTEGER s} with r and s positive.</summary>
    internal static bool IsCanonicalDerSignature(ReadOnlySpan<byte> signature)
    {
        try
        {
            var reader = new AsnReader(signature.ToArray(), AsnEncodingRules.DER);
            var sequence = reader.ReadSequence();
            var r = sequence.ReadIntegerBytes().Span;
            var s = sequence.ReadIntegerBytes().Span;
            return !reader.HasData && !sequence.HasData && IsPositive(r) && IsPositive(s);
        }
        catch (AsnContentException)
        {
            return false;
        }

        static bool IsPositive(ReadOnlySpan<byte> integer) => integer[0] < 0x80 && integer.ContainsAnyExcept((byte)0);
    }

    internal static void Check(AsymmetricKeySpec spec, SignatureAlgorithm algorithm, ReadOnlySpan<byte> digest)
    {
        if (!Supports(spec, algorithm))
        {
            throw new ArgumentException($"{algorithm} does not fit a {spec} key.", nameof(algorithm));
        }

        if (digest.Length != DigestLength)
        {
            throw new ArgumentException("The digest must be 32 bytes.", nameof(digest));
        }
    }

    internal static RSASignaturePadding Padding(SignatureAlgorithm algorithm) =>
        algorithm == SignatureAlgorithm.RsaPssSha256 ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1;

    /// <summary>
    /// A "digest" whose output is the last 32 bytes written to it. SM2Signer feeds it Z and then e, so its final
    /// output is exactly e: the caller's digest is signed without being hashed again.
    /// </summary>
    private sealed class PresetDigest : IDigest
    {
        private readonly byte[] _last = new byte[DigestLength];
        private int _count;

        public string AlgorithmName => "SM2-preset-e";

        public int GetDigestSize() => DigestLength;

        public int GetByteLength() => 64;

        public void Update(byte input) => BlockUpdate([input]);

        public void BlockUpdate(byte[] input, int inOff, int inLen) => BlockUpdate(input.AsSpan(inOff, inLen));

        public void BlockUpdate(ReadOnlySpan<byte> input)
        {
            foreach (var b in input)
            {
                _last[_count % DigestLength] = b;
                _count++;
            }
        }

        public int DoFinal(byte[] output, int outOff) => DoFinal(output.AsSpan(outOff));

        public int DoFinal(Span<byte> output)
        {
            // The ring buffer holds the last 32 bytes starting at _count % 32.
            var start = _count % DigestLength;
            _last.AsSpan(start).CopyTo(output);
            _last.AsSpan(0, start).CopyTo(output[(DigestLength - start)..]);
            Reset();
            return DigestLength;
        }

        public void Reset()
        {
            Array.Clear(_last);
            _count = 0;
        }
    }
}
