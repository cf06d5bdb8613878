using System.Diagnostics;

namespace Coffer.Server.Tests;

/// <summary>
/// Recipient key pairs made by the real <c>openssl</c> command (<c>genpkey</c>), their SubjectPublicKeyInfo DER as
/// a caller sends it in PublicKeyBlob, and <c>openssl pkeyutl -decrypt</c> to open what Coffer exported to them. One
/// per test class (IClassFixture): the pairs are made on first use, in a folder deleted afterwards. Tests skip, with
/// that reason, when openssl is not on the PATH (.ci/test.sh installs it).
/// </summary>
public sealed class OpenSslRecipient : IDisposable
{
    private static readonly string? OpenSsl = (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(dir => Path.Combine(dir, "openssl"))
        .FirstOrDefault(File.Exists);

    private readonly string _dir = Directory.CreateTempSubdirectory("coffer-recipient-").FullName;
    private readonly Dictionary<string, string> _keys = [];
    private readonly Lock _lock = new();

    /// <summary>The kinds <see cref="PublicKeyBlob"/> makes: RSA_2048, RSA_3072, EC_SM2, EC_P256.</summary>
    public static IReadOnlyList<string> Kinds { get; } = ["RSA_2048", "RSA_3072", "EC_SM2", "EC_P256"];

    /// <summary>Base64 DER SubjectPublicKeyInfo of the <paramref name="kind"/> pair, from <c>openssl pkey -pubout -outform DER</c>.</summary>
    public string PublicKeyBlob(string kind)
    {
        var der = Path.Combine(_dir, kind + ".spki.der");
        var result = Run(["pkey", "-in", PrivateKey(kind), "-pubout", "-outform", "DER", "-out", der]);
        Assert.True(result.ExitCode == 0, result.Output);
        return Convert.ToBase64String(File.ReadAllBytes(der));
    }

    /// <summary>
    /// Decrypts <paramref name="exportedDataKey"/> (base64) with <c>openssl pkeyutl -decrypt</c> and the private key
    /// of <paramref name="kind"/>, padding as <paramref name="wrappingAlgorithm"/> says.
    /// </summary>
    public byte[] Decrypt(string kind, string wrappingAlgorithm, string exportedDataKey)
    {
        string[] options = wrappingAlgorithm switch
        {
            "RSAES_OAEP_SHA_256" => ["-pkeyopt", "rsa_padding_mode:oaep", "-pkeyopt", "rsa_oaep_md:sha256", "-pkeyopt", "rsa_mgf1_md:sha256"],
            "RSAES_OAEP_SHA_1" => ["-pkeyopt", "rsa_padding_mode:oaep", "-pkeyopt", "rsa_oaep_md:sha1", "-pkeyopt", "rsa_mgf1_md:sha1"],
            "RSAES_PKCS1_V1_5" => ["-pkeyopt", "rsa_padding_mode:pkcs1"],
            _ => [],
        };
        var name = Guid.NewGuid().ToString("N");
        var ct = Path.Combine(_dir, name + ".ct");
        var pt = Path.Combine(_dir, name + ".pt");
        File.WriteAllBytes(ct, Convert.FromBase64String(exportedDataKey));
        var result = Run(["pkeyutl", "-decrypt", "-inkey", PrivateKey(kind), "-in", ct, "-out", pt, .. options]);
        Assert.True(result.ExitCode == 0, result.Output);
        return File.ReadAllBytes(pt);
    }

    /// <inheritdoc />
    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PrivateKey(string kind)
    {
        Assert.SkipWhen(OpenSsl is null, "the openssl command is not on the PATH");
        lock (_lock)
        {
            if (_keys.TryGetValue(kind, out var existing))
            {
                return existing;
            }

            string[] algorithm = kind switch
            {
                "RSA_2048" => ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"],
                "RSA_3072" => ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:3072"],
                "EC_SM2" => ["-algorithm", "SM2"],
                "EC_P256" => ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"],
                _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown key kind"),
            };
            var path = Path.Combine(_dir, kind + ".pem");
            var result = Run(["genpkey", .. algorithm, "-out", path]);
            Assert.True(result.ExitCode == 0, result.Output);
            _keys[kind] = path;
            return path;
        }
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
}
