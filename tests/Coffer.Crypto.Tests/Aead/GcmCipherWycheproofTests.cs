using System.Security.Cryptography;
using System.Text.Json;
using Coffer.Crypto.Aead;

namespace Coffer.Crypto.Tests.Aead;

/// <summary>
/// Runs every test group and case of Wycheproof's AES-GCM and SM4-GCM files (Vectors/wycheproof) through
/// <see cref="GcmCipher"/>.
/// </summary>
/// <remarks>
/// "valid": encryption must give exactly ct and tag, and decryption must give msg.
/// "invalid": decryption must return false.
/// "acceptable" (neither file has any today; the count is pinned to 0 so a vector update forces a look): either
/// outcome passes, but a successful decryption must give msg.
/// A case whose parameters the API does not take (a nonce .NET's AesGcm refuses, a zero-length IV, a tag outside the
/// sizes the primitive takes) must throw ArgumentException or CryptographicException and is counted as a skip under
/// that reason. A throw from a case with supported parameters is a failure. The pinned totals make a run that
/// silently shrinks fail.
/// </remarks>
public sealed class GcmCipherWycheproofTests(ITestOutputHelper output)
{
    private const string AesNonceSize = "AesGcm takes only 12-byte nonces";
    private const string ZeroLengthIv = "zero-length IV refused by the API";

    [Fact]
    public void AesGcm_EveryWycheproofCase_MatchesExpectedResult()
    {
        var run = Run("aes_gcm_test.json", AeadAlgorithm.AesGcm);

        output.WriteLine(run.Describe());
        Assert.True(run.Failures.Count == 0, run.DescribeFailures());
        Assert.Equal(316, run.Total);
        Assert.Equal(197, run.Passed);
        Assert.Equal(0, run.Acceptable);
        Assert.Equal(
            new SortedDictionary<string, int>(StringComparer.Ordinal) { [AesNonceSize] = 113, [ZeroLengthIv] = 6 },
            run.Skips);
    }

    [Fact]
    public void Sm4Gcm_EveryWycheproofCase_MatchesExpectedResult()
    {
        var run = Run("sm4_gcm_test.json", AeadAlgorithm.Sm4Gcm);

        output.WriteLine(run.Describe());
        Assert.True(run.Failures.Count == 0, run.DescribeFailures());
        Assert.Equal(104, run.Total);
        Assert.Equal(102, run.Passed);
        Assert.Equal(0, run.Acceptable);
        Assert.Equal(new SortedDictionary<string, int>(StringComparer.Ordinal) { [ZeroLengthIv] = 2 }, run.Skips);
    }

    private static RunResult Run(string fileName, AeadAlgorithm algorithm)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Vectors", "wycheproof", fileName);
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = document.RootElement;
        var result = new RunResult(fileName);

        foreach (var group in root.GetProperty("testGroups").EnumerateArray())
        {
            foreach (var test in group.GetProperty("tests").EnumerateArray())
            {
                result.Record(RunCase(algorithm, VectorCase.From(test)));
            }
        }

        // Guards against a parse that skips groups: the file states its own case count.
        Assert.Equal(root.GetProperty("numberOfTests").GetInt32(), result.Total);
        return result;
    }

    private static CaseOutcome RunCase(AeadAlgorithm algorithm, VectorCase vector)
    {
        var unsupportedReason = UnsupportedReason(algorithm, vector);
        try
        {
            var failure = vector.Result switch
            {
                "valid" => CheckValid(algorithm, vector),
                "invalid" => CheckInvalid(algorithm, vector),
                "acceptable" => CheckAcceptable(algorithm, vector),
                _ => $"unknown result \"{vector.Result}\"",
            };
            return new CaseOutcome(vector, failure, SkipReason: null);
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            return unsupportedReason is null
                ? new CaseOutcome(vector, $"threw {ex.GetType().Name} for supported parameters: {ex.Message}", null)
                : new CaseOutcome(vector, Failure: null, unsupportedReason);
        }
    }

    private static string? UnsupportedReason(AeadAlgorithm algorithm, VectorCase vector)
    {
        if (vector.Iv.Length == 0)
        {
            return ZeroLengthIv;
        }

        if (algorithm == AeadAlgorithm.AesGcm && vector.Iv.Length != 12)
        {
            return AesNonceSize;
        }

        var tagRange = algorithm == AeadAlgorithm.AesGcm ? (Min: 12, Max: 16) : (Min: 4, Max: 16);
        if (vector.Tag.Length < tagRange.Min || vector.Tag.Length > tagRange.Max)
        {
            return $"{algorithm} takes only {tagRange.Min}-{tagRange.Max} byte tags";
        }

        return null;
    }

    private static string? CheckValid(AeadAlgorithm algorithm, VectorCase vector)
    {
        var ciphertext = new byte[vector.Msg.Length];
        var tag = new byte[vector.Tag.Length];
        GcmCipher.Encrypt(algorithm, vector.Key, vector.Iv, vector.Msg, vector.Aad, ciphertext, tag);
        if (!ciphertext.AsSpan().SequenceEqual(vector.Ct) || !tag.AsSpan().SequenceEqual(vector.Tag))
        {
            return "encryption does not give ct and tag";
        }

        var plaintext = new byte[vector.Ct.Length];
        if (!GcmCipher.TryDecrypt(algorithm, vector.Key, vector.Iv, vector.Ct, vector.Tag, vector.Aad, plaintext))
        {
            return "decryption rejected a valid case";
        }

        return plaintext.AsSpan().SequenceEqual(vector.Msg) ? null : "decryption does not give msg";
    }

    private static string? CheckInvalid(AeadAlgorithm algorithm, VectorCase vector)
    {
        var plaintext = new byte[vector.Ct.Length];

        var accepted = GcmCipher.TryDecrypt(algorithm, vector.Key, vector.Iv, vector.Ct, vector.Tag, vector.Aad, plaintext);

        return accepted ? "decryption accepted an invalid case" : null;
    }

    private static string? CheckAcceptable(AeadAlgorithm algorithm, VectorCase vector)
    {
        var plaintext = new byte[vector.Ct.Length];
        if (!GcmCipher.TryDecrypt(algorithm, vector.Key, vector.Iv, vector.Ct, vector.Tag, vector.Aad, plaintext))
        {
            return null;
        }

        return plaintext.AsSpan().SequenceEqual(vector.Msg) ? null : "acceptable case decrypted to something other than msg";
    }

    private sealed record VectorCase(int TcId, string Result, byte[] Key, byte[] Iv, byte[] Aad, byte[] Msg, byte[] Ct, byte[] Tag)
    {
        public static VectorCase From(JsonElement test) => new(
            test.GetProperty("tcId").GetInt32(),
            test.GetProperty("result").GetString() ?? "",
            Hex(test, "key"),
            Hex(test, "iv"),
            Hex(test, "aad"),
            Hex(test, "msg"),
            Hex(test, "ct"),
            Hex(test, "tag"));

        private static byte[] Hex(JsonElement test, string name) => Convert.FromHexString(test.GetProperty(name).GetString() ?? "");
    }

    private sealed record CaseOutcome(VectorCase Vector, string? Failure, string? SkipReason);

    private sealed class RunResult(string fileName)
    {
        public int Total { get; private set; }

        public int Passed { get; private set; }

        public int Acceptable { get; private set; }

        public SortedDictionary<string, int> Skips { get; } = new(StringComparer.Ordinal);

        public List<string> Failures { get; } = [];

        public void Record(CaseOutcome outcome)
        {
            Total++;
            if (outcome.Vector.Result == "acceptable")
            {
                Acceptable++;
            }

            if (outcome.Failure is not null)
            {
                Failures.Add($"tcId {outcome.Vector.TcId} ({outcome.Vector.Result}): {outcome.Failure}");
            }
            else if (outcome.SkipReason is not null)
            {
                Skips[outcome.SkipReason] = Skips.GetValueOrDefault(outcome.SkipReason) + 1;
            }
            else
            {
                Passed++;
            }
        }

        public string Describe()
        {
            var skips = string.Join("; ", Skips.Select(s => $"{s.Value} skipped: {s.Key}"));
            return $"{fileName}: {Total} cases, {Passed} passed, {Failures.Count} failed, {Acceptable} acceptable; {skips}";
        }

        public string DescribeFailures() =>
            $"{fileName}: {Failures.Count} failures; first: {string.Join(" | ", Failures.Take(5))}";
    }
}
