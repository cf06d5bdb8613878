using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Coffer.Crypto.Asymmetric;
using Coffer.Crypto.Mac;

namespace Coffer.Crypto.Tests.Asymmetric;

/// <summary>
/// Coffer against the real <c>openssl</c> command: its signatures verify with the GetPublicKey PEM, and what
/// <c>openssl pkeyutl -encrypt</c> makes with that PEM decrypts in Coffer. Skipped, with that reason, when openssl
/// is not on the PATH.
/// </summary>
public sealed class OpenSslInteropTests : IDisposable
{
    private static readonly string? OpenSsl = FindOpenSsl();
    private readonly string _dir = Directory.CreateTempSubdirectory("coffer-openssl-").FullName;

    public static TheoryData<AsymmetricKeySpec, SignatureAlgorithm> SignaturePairs => AsymmetricRoundTripTests.SignaturePairs;

    [Theory]
    [MemberData(nameof(SignaturePairs))]
    public void CofferSignature_VerifiesInOpenSsl(AsymmetricKeySpec spec, SignatureAlgorithm algorithm)
    {
        RequireOpenSsl();
        using var pair = AsymmetricKeys.Generate(spec);
        var pub = Write("pub.pem", Encoding.ASCII.GetBytes(PublicKeyPem.FromSubjectPublicKeyInfo(pair.SubjectPublicKeyInfo)));
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes("verified by openssl"));
        var digestFile = Write("digest", digest);
        var sigFile = Write("sig", AsymmetricSigner.Sign(spec, algorithm, pair.PrivateKeyPkcs8.Span, digest));
        var wrongDigest = (byte[])digest.Clone();
        wrongDigest[0] ^= 1;
        var wrongFile = Write("wrong", wrongDigest);

        // SM2: pkeyutl signs and verifies the 32 bytes given as e itself, which is what SM2DSA takes.
        string[] options = algorithm switch
        {
            SignatureAlgorithm.RsaPssSha256 => ["-pkeyopt", "digest:sha256", "-pkeyopt", "rsa_padding_mode:pss", "-pkeyopt", "rsa_pss_saltlen:32"],
            SignatureAlgorithm.Sm2Dsa => [],
            _ => ["-pkeyopt", "digest:sha256"],
        };
        string[] verify = ["pkeyutl", "-verify", "-pubin", "-inkey", pub, "-sigfile", sigFile, .. options];

        var ok = Run([.. verify, "-in", digestFile]);
        Assert.True(ok.ExitCode == 0, ok.Output);
        Assert.Contains("Signature Verified Successfully", ok.Output, StringComparison.Ordinal);
        Assert.NotEqual(0, Run([.. verify, "-in", wrongFile]).ExitCode);
    }

    [Theory]
    [InlineData(AsymmetricKeySpec.EcP256, SignatureAlgorithm.EcdsaSha256)]
    [InlineData(AsymmetricKeySpec.EcP256K, SignatureAlgorithm.EcdsaSha256)]
    [InlineData(AsymmetricKeySpec.EcSm2, SignatureAlgorithm.Sm2Dsa)]
    [InlineData(AsymmetricKeySpec.Rsa2048, SignatureAlgorithm.RsaPkcs1Sha256)]
    public void OpenSslSignature_WithCoffersPrivateKey_VerifiesInCoffer(AsymmetricKeySpec spec, SignatureAlgorithm algorithm)
    {
        RequireOpenSsl();
        using var pair = AsymmetricKeys.Generate(spec);
        var key = Write("key.pem", Encoding.ASCII.GetBytes(PemEncoding.WriteString("PRIVATE KEY", pair.PrivateKeyPkcs8.Span)));
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes("signed by openssl"));
        var sigFile = Path.Combine(_dir, "sig");
        string[] options = algorithm == SignatureAlgorithm.Sm2Dsa ? [] : ["-pkeyopt", "digest:sha256"];

        var signed = Run(["pkeyutl", "-sign", "-inkey", key, "-in", Write("digest", digest), "-out", sigFile, .. options]);

        Assert.True(signed.ExitCode == 0, signed.Output);
        Assert.True(AsymmetricSigner.Verify(spec, algorithm, pair.SubjectPublicKeyInfo, digest, File.ReadAllBytes(sigFile)));
    }

    [Theory]
    [InlineData(AsymmetricKeySpec.Rsa2048, AsymmetricEncryptionAlgorithm.RsaesOaepSha256)]
    [InlineData(AsymmetricKeySpec.Rsa3072, AsymmetricEncryptionAlgorithm.RsaesOaepSha256)]
    [InlineData(AsymmetricKeySpec.Rsa2048, AsymmetricEncryptionAlgorithm.RsaesOaepSha1)]
    [InlineData(AsymmetricKeySpec.EcSm2, AsymmetricEncryptionAlgorithm.Sm2Pke)]
    public void OpenSslCiphertext_DecryptsInCoffer(AsymmetricKeySpec spec, AsymmetricEncryptionAlgorithm algorithm)
    {
        RequireOpenSsl();
        using var pair = AsymmetricKeys.Generate(spec);
        var pub = Write("pub.pem", Encoding.ASCII.GetBytes(PublicKeyPem.FromSubjectPublicKeyInfo(pair.SubjectPublicKeyInfo)));
        var plaintext = CryptoRandom.Bytes(32);
        var ctFile = Path.Combine(_dir, "ct");
        string[] options = algorithm switch
        {
            AsymmetricEncryptionAlgorithm.RsaesOaepSha256 =>
                ["-pkeyopt", "rsa_padding_mode:oaep", "-pkeyopt", "rsa_oaep_md:sha256", "-pkeyopt", "rsa_mgf1_md:sha256"],
            AsymmetricEncryptionAlgorithm.RsaesOaepSha1 => ["-pkeyopt", "rsa_padding_mode:oaep", "-pkeyopt", "rsa_oaep_md:sha1"],
            _ => [],
        };

        var encrypted = Run(["pkeyutl", "-encrypt", "-pubin", "-inkey", pub, "-in", Write("pt", plaintext), "-out", ctFile, .. options]);

        Assert.True(encrypted.ExitCode == 0, encrypted.Output);
        Assert.True(AsymmetricCipher.TryDecrypt(spec, algorithm, pair.PrivateKeyPkcs8.Span, File.ReadAllBytes(ctFile), out var decrypted));
        Assert.Equal(plaintext, decrypted);
    }

    [Fact]
    public void CofferSm2Ciphertext_DecryptsInOpenSsl()
    {
        RequireOpenSsl();
        using var pair = AsymmetricKeys.Generate(AsymmetricKeySpec.EcSm2);
        var key = Write("key.pem", Encoding.ASCII.GetBytes(PemEncoding.WriteString("PRIVATE KEY", pair.PrivateKeyPkcs8.Span)));
        var plaintext = CryptoRandom.Bytes(40);
        var ct = AsymmetricCipher.Encrypt(AsymmetricKeySpec.EcSm2, AsymmetricEncryptionAlgorithm.Sm2Pke, pair.SubjectPublicKeyInfo, plaintext);
        var ptFile = Path.Combine(_dir, "pt");

        var decrypted = Run(["pkeyutl", "-decrypt", "-inkey", key, "-in", Write("ct", ct), "-out", ptFile]);

        Assert.True(decrypted.ExitCode == 0, decrypted.Output);
        Assert.Equal(plaintext, File.ReadAllBytes(ptFile));
    }

    [Theory]
    [InlineData(MacAlgorithm.HmacSha224, "SHA224")]
    [InlineData(MacAlgorithm.HmacSha256, "SHA256")]
    [InlineData(MacAlgorithm.HmacSha384, "SHA384")]
    [InlineData(MacAlgorithm.HmacSha512, "SHA512")]
    [InlineData(MacAlgorithm.HmacSm3, "SM3")]
    public void Hmac_MatchesOpenSsl(MacAlgorithm algorithm, string digest)
    {
        RequireOpenSsl();
        using var key = Hmac.GenerateKey(algorithm);
        var message = CryptoRandom.Bytes(100);

        var mac = Run(["mac", "-digest", digest, "-macopt", "hexkey:" + Convert.ToHexString(key.Span), "-in", Write("msg", message), "HMAC"]);

        Assert.True(mac.ExitCode == 0, mac.Output);
        Assert.Equal(Convert.ToHexString(Hmac.Compute(algorithm, key.Span, message)), mac.Output.Trim(), ignoreCase: true);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static void RequireOpenSsl() => Assert.SkipWhen(OpenSsl is null, "the openssl command is not on the PATH");

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static (int ExitCode, string Output) Run(string[] arguments)
    {
        var start = new ProcessStartInfo(OpenSsl!) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr);
    }

    private static string? FindOpenSsl() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "openssl"))
            .FirstOrDefault(File.Exists);
}
