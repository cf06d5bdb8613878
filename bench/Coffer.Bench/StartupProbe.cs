using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Coffer.Bench;

/// <summary>
/// Start-up time: runs <c>coffer serve</c> as its own process (the Release build of src/Coffer.Cli) on a free loopback
/// port and a fresh data folder, and times from the process start to the first signed request answered with 200,
/// polling every 5 ms. Measured twice: the first start (which initialises the data folder) and a restart on it.
/// </summary>
internal static class StartupProbe
{
    public static string? FindCofferDll()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Coffer.slnx")))
            {
                // The configuration the bench itself was built in (dotnet run -c Release builds Coffer.Cli alongside).
                var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent?.Name ?? "Release";
                var dll = Path.Combine(folder.FullName, "src", "Coffer.Cli", "bin", configuration, "net10.0", "coffer.dll");
                return File.Exists(dll) ? dll : null;
            }
        }

        return null;
    }

    /// <summary>Milliseconds to the first answer: first start, then a restart on the same data folder.</summary>
    public static async Task<(double First, double Restart)> MeasureAsync(string cofferDll)
    {
        var data = Path.Combine(Path.GetTempPath(), "coffer-bench-startup-" + Guid.NewGuid().ToString("N"));
        try
        {
            var first = await StartOnceAsync(cofferDll, data);
            var restart = await StartOnceAsync(cofferDll, data);
            return (first, restart);
        }
        finally
        {
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }
    }

    private static async Task<double> StartOnceAsync(string cofferDll, string data)
    {
        var port = FreePort();
        var accessKeyId = "LTAIstartup0000000000000";
        var secret = "startup-secret-0000000000000000";
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { cofferDll, "serve", "--urls", $"http://127.0.0.1:{port}", "--data", data })
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["COFFER_BOOTSTRAP_ACCESS_KEY_ID"] = accessKeyId;
        info.Environment["COFFER_BOOTSTRAP_ACCESS_KEY_SECRET"] = secret;
        var signer = new RequestSigner(new Uri($"http://127.0.0.1:{port}/"), accessKeyId, secret);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException("coffer serve did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            while (clock.Elapsed < TimeSpan.FromSeconds(30))
            {
                try
                {
                    using var response = await http.SendAsync(signer.Build("DescribeRegions", []));
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        return clock.Elapsed.TotalMilliseconds;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }

                if (process.HasExited)
                {
                    throw new InvalidOperationException("coffer serve exited with " + process.ExitCode);
                }

                await Task.Delay(5);
            }

            throw new TimeoutException("coffer serve answered nothing within 30 s");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
