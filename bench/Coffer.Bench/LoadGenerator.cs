using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace Coffer.Bench;

/// <summary>
/// Sends freshly signed requests. Closed loop: N workers, each with one request outstanding, over N pooled connections.
/// Open loop: requests are due at a fixed rate whatever the answers do; latency counts from the intended send time,
/// so queueing behind a slow answer is included (no coordinated omission).
/// </summary>
internal static class LoadGenerator
{
    public static async Task<CellResult> ClosedLoopAsync(
        string target, RequestSigner signer, string action, Func<IReadOnlyList<KeyValuePair<string, string>>> parameters,
        int connections, TimeSpan duration, TimeSpan warmup, Action? measureStarts = null, Action? measureEnds = null)
    {
        using var http = CreateClient(connections);
        var errors = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var lists = new List<long>[connections];
        var measuring = false;
        var stop = false;
        var workers = new Task[connections];
        for (var i = 0; i < connections; i++)
        {
            var list = lists[i] = new List<long>(1 << 14);
            workers[i] = Task.Run(async () =>
            {
                while (!Volatile.Read(ref stop))
                {
                    var started = Stopwatch.GetTimestamp();
                    var code = await SendAsync(http, signer.Build(action, parameters()));
                    var elapsed = Stopwatch.GetTimestamp() - started;
                    if (!Volatile.Read(ref measuring))
                    {
                        continue;
                    }

                    if (code is null)
                    {
                        list.Add(elapsed);
                    }
                    else
                    {
                        errors.AddOrUpdate(code, 1, (_, n) => n + 1);
                    }
                }
            });
        }

        await Task.Delay(warmup);
        Volatile.Write(ref measuring, true);
        measureStarts?.Invoke();
        var begin = Stopwatch.GetTimestamp();
        await Task.Delay(duration);
        Volatile.Write(ref measuring, false);
        measureEnds?.Invoke();
        var seconds = Stopwatch.GetElapsedTime(begin).TotalSeconds;
        Volatile.Write(ref stop, true);
        await Task.WhenAll(workers);
        return Result(target, action, "closed", connections, seconds, lists, errors);
    }

    public static async Task<CellResult> OpenLoopAsync(
        string target, RequestSigner signer, string action, Func<IReadOnlyList<KeyValuePair<string, string>>> parameters,
        int connections, double rate, TimeSpan duration)
    {
        using var http = CreateClient(connections);
        var errors = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var latencies = new ConcurrentBag<long>();
        var inflight = new List<Task>();
        var begin = Stopwatch.GetTimestamp();
        var total = (long)(rate * duration.TotalSeconds);
        var ticksPerRequest = Stopwatch.Frequency / rate;

        // The sender is a thread of its own that sleeps until each request is due (usleep: tens of microseconds late at
        // most) and hands the request to the thread pool; it spent no CPU waiting. (It used to spin on Thread.Yield,
        // which kept a runnable thread on one of the machine's two cores the whole cell.)
        var sent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sender = new Thread(() =>
        {
            for (long i = 0; i < total; i++)
            {
                var intended = begin + (long)(i * ticksPerRequest);
                var wait = intended - Stopwatch.GetTimestamp();
                if (wait > 0)
                {
                    Sleep(wait * 1_000_000 / Stopwatch.Frequency);
                }

                inflight.Add(Task.Run(async () =>
                {
                    var code = await SendAsync(http, signer.Build(action, parameters()));
                    if (code is null)
                    {
                        latencies.Add(Stopwatch.GetTimestamp() - intended);
                    }
                    else
                    {
                        errors.AddOrUpdate(code, 1, (_, n) => n + 1);
                    }
                }));
            }

            sent.SetResult();
        })
        { IsBackground = true, Name = "open-loop sender" };
        sender.Start();

        // Awaited, not joined: a join would hold one of the thread pool's threads (two here) for the whole cell.
        await sent.Task;
        await Task.WhenAll(inflight);
        var seconds = Stopwatch.GetElapsedTime(begin).TotalSeconds;
        return Result(target, action, FormattableString.Invariant($"open {rate:F0}/s"), connections, seconds, [latencies.ToList()], errors);
    }

    /// <summary>Sends one request; null when it answered 200, else the error Code (or HTTP status / exception name).</summary>
    public static async Task<string?> SendAsync(HttpClient http, HttpRequestMessage request)
    {
        try
        {
            using (request)
            using (var response = await http.SendAsync(request))
            {
                var body = await response.Content.ReadAsByteArrayAsync();
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return null;
                }

                try
                {
                    using var json = JsonDocument.Parse(body);
                    if (json.RootElement.TryGetProperty("Code", out var code) && code.GetString() is { } text)
                    {
                        return text;
                    }
                }
                catch (JsonException)
                {
                    // Not JSON: fall back to the status.
                }

                return "HTTP" + ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        catch (HttpRequestException e)
        {
            return e.GetType().Name;
        }
        catch (TaskCanceledException e)
        {
            return e.GetType().Name;
        }
    }

    // Sleeps this thread for about that many microseconds (Linux: usleep, tens of microseconds late at most).
    private static void Sleep(long microseconds)
    {
        if (OperatingSystem.IsLinux())
        {
            _ = NativeMethods.usleep((uint)Math.Min(microseconds, 1_000_000));
        }
        else
        {
            Thread.Sleep(TimeSpan.FromMicroseconds(microseconds));
        }
    }

    public static HttpClient CreateClient(int connections) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = connections,
        UseProxy = false,
        UseCookies = false,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
    })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };

    private static CellResult Result(
        string target, string action, string mode, int connections, double seconds, IEnumerable<List<long>> lists,
        ConcurrentDictionary<string, long> errors)
    {
        var all = lists.SelectMany(l => l).ToArray();
        Array.Sort(all);
        return new CellResult(target, action, mode, connections, seconds, all, new Dictionary<string, long>(errors, StringComparer.Ordinal));
    }
}

internal static partial class NativeMethods
{
    [System.Runtime.InteropServices.DllImport("libc", SetLastError = false)]
    [System.Runtime.InteropServices.DefaultDllImportSearchPaths(System.Runtime.InteropServices.DllImportSearchPath.SafeDirectories)]
    internal static extern int usleep(uint microseconds);
}
