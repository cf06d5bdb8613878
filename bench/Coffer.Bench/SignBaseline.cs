using System.Diagnostics;
using System.Security.Cryptography;
using Coffer.Crypto.Asymmetric;

namespace Coffer.Bench;

/// <summary>
/// The AsymmetricSign baseline: the same Coffer.Crypto call Coffer's handler makes (<see cref="PrivateKeyHandle.Sign"/>
/// on a key imported once, as Coffer keeps it imported in its key-material cache) in a plain loop on as many threads as
/// the server's process has cores, each with its own imported key, no HTTP, no store.
/// </summary>
internal static class SignBaseline
{
    public static async Task<double> MeasureAsync(AsymmetricKeySpec spec, SignatureAlgorithm algorithm, int threads, TimeSpan duration, TimeSpan warmup)
    {
        using var pair = AsymmetricKeys.Generate(spec);
        var privateKey = pair.PrivateKeyPkcs8.Span.ToArray();
        var digest = RandomNumberGenerator.GetBytes(AsymmetricSigner.DigestLength);
        var counts = new long[threads];
        var measuring = false;
        var stop = false;
        var workers = Enumerable.Range(0, threads).Select(t => Task.Factory.StartNew(() =>
        {
            using var key = PrivateKeyHandle.Import(spec, privateKey);
            while (!Volatile.Read(ref stop))
            {
                key.Sign(algorithm, digest);
                if (Volatile.Read(ref measuring))
                {
                    counts[t]++;
                }
            }
        }, TaskCreationOptions.LongRunning)).ToArray();

        await Task.Delay(warmup);
        Volatile.Write(ref measuring, true);
        var begin = Stopwatch.GetTimestamp();
        await Task.Delay(duration);
        Volatile.Write(ref measuring, false);
        var seconds = Stopwatch.GetElapsedTime(begin).TotalSeconds;
        Volatile.Write(ref stop, true);
        await Task.WhenAll(workers);
        CryptographicOperations.ZeroMemory(privateKey);
        return counts.Sum() / seconds;
    }
}
