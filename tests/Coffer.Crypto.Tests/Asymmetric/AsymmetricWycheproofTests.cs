using System.Security.Cryptography;
using System.Text.Json;
using Coffer.Crypto.Asymmetric;

namespace Coffer.Crypto.Tests.Asymmetric;

/// <summary>
/// Every case of Wycheproof's RSA-PSS, RSA PKCS#1 v1.5 signature and encryption, RSA-OAEP and ECDSA P-256 / secp256k1 files
/// (Vectors/wycheproof) against Coffer.Crypto. Signatures are checked over SHA-256(msg), which is the digest the API
/// receives. Counts are pinned so a run that silently shrinks, or a vector update, fails.
/// </summary>
public sealed class AsymmetricWycheproofTests(ITestOutputHelper output)
{
    private const string OaepLabel = "OAEP label: AsymmetricDecrypt has no label parameter";
    private const string OaepHashes = "OAEP hash/MGF1 pair not offered (only SHA-256/SHA-256 and SHA-1/SHA-1)";

    [Theory]
    [InlineData("rsa_pss_2048_sha256_mgf1_32_test.json", 108, 0)]
    [InlineData("rsa_pss_3072_sha256_mgf1_32_test.json", 108, 0)]
    [InlineData("rsa_pss_4096_sha256_mgf1_32_test.json", 108, 0)]
    public void RsaPss_EveryCase(string file, int total, int acceptable) =>
        RunSignature(file, SignatureAlgorithm.RsaPssSha256).AssertCounts(output, total, total, acceptable);

    [Theory]
    [InlineData("rsa_signature_2048_sha256_test.json", 259, 1)]
    [InlineData("rsa_signature_3072_sha256_test.json", 259, 1)]
    [InlineData("rsa_signature_4096_sha256_test.json", 258, 1)]
    public void RsaPkcs1_EveryCase(string file, int total, int acceptable) =>
        RunSignature(file, SignatureAlgorithm.RsaPkcs1Sha256).AssertCounts(output, total, total, acceptable);

    [Theory]
    [InlineData("ecdsa_secp256r1_sha256_test.json", AsymmetricKeySpec.EcP256, 484, 0)]
    [InlineData("ecdsa_secp256k1_sha256_test.json", AsymmetricKeySpec.EcP256K, 476, 0)]
    public void EcdsaDer_EveryCase(string file, AsymmetricKeySpec spec, int total, int acceptable) =>
        RunEcdsa(file, spec, p1363: false).AssertCounts(output, total, total, acceptable);

    [Theory]
    [InlineData("ecdsa_secp256r1_sha256_p1363_test.json", AsymmetricKeySpec.EcP256, 262, 0)]
    [InlineData("ecdsa_secp256k1_sha256_p1363_test.json", AsymmetricKeySpec.EcP256K, 252, 0)]
    public void EcdsaP1363_EveryCase(string file, AsymmetricKeySpec spec, int total, int acceptable) =>
        RunEcdsa(file, spec, p1363: true).AssertCounts(output, total, total, acceptable);

    [Theory]
    [InlineData("rsa_oaep_2048_sha1_mgf1sha1_test.json", 36, 29, 0, 7, 0)]
    [InlineData("rsa_oaep_2048_sha256_mgf1sha256_test.json", 37, 29, 0, 8, 0)]
    [InlineData("rsa_oaep_3072_sha256_mgf1sha256_test.json", 37, 29, 0, 8, 0)]
    [InlineData("rsa_oaep_4096_sha256_mgf1sha256_test.json", 37, 29, 0, 8, 0)]
    [InlineData("rsa_oaep_misc_test.json", 395, 30, 3, 16, 349)]
    public void RsaOaep_EveryCase(string file, int total, int passed, int acceptable, int labelSkips, int hashSkips)
    {
        var run = WycheproofRun.Run(file, RunOaepCase);
        var skips = new SortedDictionary<string, int>(StringComparer.Ordinal);
        if (labelSkips > 0)
        {
            skips[OaepLabel] = labelSkips;
        }

        if (hashSkips > 0)
        {
            skips[OaepHashes] = hashSkips;
        }

        run.AssertCounts(output, total, passed, acceptable, skips);
    }

    [Fact]
    public void RsaPkcs1Encryption_EveryCase()
    {
        var failures = new HashSet<string>(StringComparer.Ordinal);

        var run = WycheproofRun.Run("rsa_pkcs1_2048_test.json", (group, test) =>
        {
            var decrypted = AsymmetricCipher.TryDecrypt(
                AsymmetricKeySpec.Rsa2048,
                AsymmetricEncryptionAlgorithm.RsaesPkcs1V15,
                WycheproofRun.Hex(group, "privateKeyPkcs8"),
                WycheproofRun.Hex(test, "ct"),
                out var plaintext);
            if (!decrypted)
            {
                failures.Add($"{plaintext.Length}");
            }

            if (decrypted && WycheproofRun.Result(test) == "valid" && !plaintext.AsSpan().SequenceEqual(WycheproofRun.Hex(test, "msg")))
            {
                return "decrypted to something other than msg";
            }

            return WycheproofRun.Expect(test, decrypted);
        });

        run.AssertCounts(output, 67, 67, 0);
        // Every invalid padding fails the same way (false, empty output): nothing for a padding oracle to tell apart.
        Assert.Equal(["0"], failures);
    }

    private static WycheproofRun RunSignature(string file, SignatureAlgorithm algorithm) =>
        WycheproofRun.Run(file, (group, test) =>
        {
            var spki = WycheproofRun.Hex(group, "publicKeyDer");
            var digest = SHA256.HashData(WycheproofRun.Hex(test, "msg"));
            var signature = WycheproofRun.Hex(test, "sig");
            var spec = group.GetProperty("keySize").GetInt32() switch
            {
                2048 => AsymmetricKeySpec.Rsa2048,
                3072 => AsymmetricKeySpec.Rsa3072,
                _ => (AsymmetricKeySpec?)null,
            };
            var accepted = spec is { } s
                ? AsymmetricSigner.Verify(s, algorithm, spki, digest, signature)
                : AsymmetricSigner.VerifyRsa(algorithm, spki, digest, signature);
            return WycheproofRun.Expect(test, accepted);
        });

    private static WycheproofRun RunEcdsa(string file, AsymmetricKeySpec spec, bool p1363) =>
        WycheproofRun.Run(file, (group, test) =>
        {
            var spki = WycheproofRun.Hex(group, "publicKeyDer");
            var digest = SHA256.HashData(WycheproofRun.Hex(test, "msg"));
            var signature = WycheproofRun.Hex(test, "sig");
            var accepted = p1363
                ? AsymmetricSigner.VerifyEcdsaP1363(spec, spki, digest, signature)
                : AsymmetricSigner.Verify(spec, SignatureAlgorithm.EcdsaSha256, spki, digest, signature);
            return WycheproofRun.Expect(test, accepted);
        });

    private static string? RunOaepCase(JsonElement group, JsonElement test)
    {
        var hashes = (group.GetProperty("sha").GetString(), group.GetProperty("mgfSha").GetString());
        var algorithm = hashes switch
        {
            ("SHA-256", "SHA-256") => AsymmetricEncryptionAlgorithm.RsaesOaepSha256,
            ("SHA-1", "SHA-1") => AsymmetricEncryptionAlgorithm.RsaesOaepSha1,
            _ => throw new SkipCase(OaepHashes),
        };
        if (WycheproofRun.Hex(test, "label").Length > 0)
        {
            throw new SkipCase(OaepLabel);
        }

        var pkcs8 = WycheproofRun.Hex(group, "privateKeyPkcs8");
        var ciphertext = WycheproofRun.Hex(test, "ct");
        var spec = group.GetProperty("keySize").GetInt32() switch
        {
            2048 => AsymmetricKeySpec.Rsa2048,
            3072 => AsymmetricKeySpec.Rsa3072,
            _ => (AsymmetricKeySpec?)null,
        };
        var decrypted = spec is { } s
            ? AsymmetricCipher.TryDecrypt(s, algorithm, pkcs8, ciphertext, out var plaintext)
            : AsymmetricCipher.TryDecryptRsa(algorithm, pkcs8, ciphertext, out plaintext);
        if (decrypted && WycheproofRun.Result(test) != "invalid" && !plaintext.AsSpan().SequenceEqual(WycheproofRun.Hex(test, "msg")))
        {
            return "decrypted to something other than msg";
        }

        return WycheproofRun.Expect(test, decrypted);
    }
}
