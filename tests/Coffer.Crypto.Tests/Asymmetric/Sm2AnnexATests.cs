using System.Text;
using System.Text.Json;
using Coffer.Crypto.Asymmetric;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Prng;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Utilities;

namespace Coffer.Crypto.Tests.Asymmetric;

/// <summary>
/// SM2 against the GB/T 32918.2 (signature) and 32918.4 (encryption) Annex A worked examples
/// (Vectors/gbt32918/sm2_annex_a.json), with the examples' k injected through the internal random source.
/// </summary>
public sealed class Sm2AnnexATests
{
    private static readonly JsonElement Vectors = Load();
    private static readonly ECDomainParameters Curve = LoadCurve();

    [Fact]
    public void Signature_AnnexA_GivesTheStandardsRAndS()
    {
        var v = Vectors.GetProperty("signature");
        var d = Big(v, "d");
        var privateKey = new ECPrivateKeyParameters(d, Curve);
        var publicKey = new ECPublicKeyParameters(Curve.G.Multiply(d).Normalize(), Curve);
        // The API receives e = SM3(Z‖M); compute it here as a caller would.
        var e = Sm3(Concat(Z(Encoding.ASCII.GetBytes(v.GetProperty("id").GetString()!), publicKey.Q), Encoding.ASCII.GetBytes(v.GetProperty("message").GetString()!)));

        var signature = AsymmetricSigner.SignSm2(privateKey, e, FixedRandom(v, "k"));

        Assert.True(AsymmetricSigner.TryDecodeDer(Curve.N, signature, out var r, out var s));
        Assert.Equal(Big(v, "r"), r);
        Assert.Equal(Big(v, "s"), s);
        Assert.True(AsymmetricSigner.VerifySm2(publicKey, e, signature));
        e[0] ^= 1;
        Assert.False(AsymmetricSigner.VerifySm2(publicKey, e, signature));
    }

    [Fact]
    public void Encryption_AnnexA_GivesTheStandardsCiphertext()
    {
        var v = Vectors.GetProperty("encryption");
        var d = Big(v, "d");
        var privateKey = new ECPrivateKeyParameters(d, Curve);
        var publicKey = new ECPublicKeyParameters(Curve.G.Multiply(d).Normalize(), Curve);
        var message = Encoding.ASCII.GetBytes(v.GetProperty("message").GetString()!);

        var der = AsymmetricCipher.EncryptSm2(publicKey, message, FixedRandom(v, "k"));

        Assert.True(AsymmetricCipher.TryC1C3C2FromDer(der, out var raw));
        var expected = Concat([0x04], Hex(v, "x1"), Hex(v, "y1"), Hex(v, "c3"), Hex(v, "c2"));
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(raw));
        Assert.True(AsymmetricCipher.TryDecryptSm2(privateKey, der, out var plaintext));
        Assert.Equal(message, plaintext);
    }

    [Fact]
    public void Encryption_AnnexA_DerIsTheGmt0009Sequence()
    {
        var v = Vectors.GetProperty("encryption");
        var raw = Concat([0x04], Hex(v, "x1"), Hex(v, "y1"), Hex(v, "c3"), Hex(v, "c2"));

        var der = AsymmetricCipher.DerFromC1C3C2(raw);

        // SEQUENCE { INTEGER x1, INTEGER y1, OCTET STRING C3, OCTET STRING C2 }; x1 and y1 have no high bit, so no pad.
        var expected = Concat(
            [0x30, (byte)(2 + 32 + 2 + 32 + 2 + 32 + 2 + 19)],
            [0x02, 32], Hex(v, "x1"),
            [0x02, 32], Hex(v, "y1"),
            [0x04, 32], Hex(v, "c3"),
            [0x04, 19], Hex(v, "c2"));
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(der));
    }

    private static byte[] Z(byte[] id, ECPoint q)
    {
        var bits = id.Length * 8;
        return Sm3(Concat(
            [(byte)(bits >> 8), (byte)bits],
            id,
            Fixed(Curve.Curve.A.ToBigInteger()),
            Fixed(Curve.Curve.B.ToBigInteger()),
            Fixed(Curve.G.AffineXCoord.ToBigInteger()),
            Fixed(Curve.G.AffineYCoord.ToBigInteger()),
            Fixed(q.AffineXCoord.ToBigInteger()),
            Fixed(q.AffineYCoord.ToBigInteger())));
    }

    private static byte[] Fixed(BigInteger value) => BigIntegers.AsUnsignedByteArray(32, value);

    private static byte[] Sm3(byte[] data)
    {
        var digest = new SM3Digest();
        digest.BlockUpdate(data, 0, data.Length);
        var output = new byte[32];
        digest.DoFinal(output, 0);
        return output;
    }

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    private static SecureRandom FixedRandom(JsonElement v, string name) => new(new FixedGenerator(Hex(v, name)));

    private static BigInteger Big(JsonElement v, string name) => new(1, Hex(v, name));

    private static byte[] Hex(JsonElement v, string name) => Convert.FromHexString(v.GetProperty(name).GetString()!);

    private static JsonElement Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Vectors", "gbt32918", "sm2_annex_a.json");
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        return document.RootElement.Clone();
    }

    private static ECDomainParameters LoadCurve()
    {
        var c = Vectors.GetProperty("curve");
        var n = Big(c, "n");
        var curve = new FpCurve(Big(c, "p"), Big(c, "a"), Big(c, "b"), n, BigInteger.One);
        return new ECDomainParameters(curve, curve.CreatePoint(Big(c, "gx"), Big(c, "gy")), n, BigInteger.One);
    }

    /// <summary>Hands out the example's k once; any further request for randomness fails the test.</summary>
    private sealed class FixedGenerator(byte[] value) : IRandomGenerator
    {
        private bool _used;

        public void AddSeedMaterial(byte[] seed)
        {
        }

        public void AddSeedMaterial(ReadOnlySpan<byte> seed)
        {
        }

        public void AddSeedMaterial(long seed)
        {
        }

        public void NextBytes(byte[] bytes) => NextBytes(bytes.AsSpan());

        public void NextBytes(byte[] bytes, int start, int len) => NextBytes(bytes.AsSpan(start, len));

        public void NextBytes(Span<byte> bytes)
        {
            Assert.False(_used, "k was requested twice");
            Assert.Equal(value.Length, bytes.Length);
            value.CopyTo(bytes);
            _used = true;
        }
    }
}
