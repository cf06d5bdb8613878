using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Coffer.Testing;

namespace Coffer.Cli.Tests;

/// <summary>
/// <c>coffer serve --urls http://127.0.0.1:PORT --data DIR</c> as a child process, started and waited for until it
/// prints "Coffer listening"; it owns an HttpClient for that server only, so no pooled connection outlives a restart.
/// </summary>
public sealed partial class CofferServerProcess : IDisposable
{
    /// <summary>How long a start may take on a machine shared with builds.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    /// <summary>The bound the issue sets for a clean shutdown after SIGTERM or SIGINT.</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(10);

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    private CofferServerProcess(CofferProcess process, int port)
    {
        Process = process;
        Endpoint = new Uri($"http://127.0.0.1:{port}/");
    }

    /// <summary>The child process.</summary>
    public CofferProcess Process { get; }

    /// <summary>The server's base address.</summary>
    public Uri Endpoint { get; }

    /// <summary>The HTTP client bound to this server's lifetime.</summary>
    public HttpClient Http => _http;

    /// <summary>Starts a server on <paramref name="dataDirectory"/> and waits until it listens.</summary>
    public static async Task<CofferServerProcess> StartAsync(
        string dataDirectory, IReadOnlyDictionary<string, string>? environment = null, int? port = null)
    {
        var server = Launch(dataDirectory, environment, port);
        try
        {
            await server.Process.WaitForOutputAsync("Coffer listening", StartTimeout);
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>Starts a server without waiting for it (see <see cref="IsListeningAsync"/>).</summary>
    public static CofferServerProcess Launch(string dataDirectory, IReadOnlyDictionary<string, string>? environment = null, int? port = null)
    {
        var chosen = port ?? FreePort();
        var process = CofferProcess.Start(["serve", "--urls", $"http://127.0.0.1:{chosen}", "--data", dataDirectory], environment);
        return new CofferServerProcess(process, chosen);
    }

    /// <summary>True once the server prints "Coffer listening", false if it ends before that.</summary>
    public async Task<bool> IsListeningAsync()
    {
        try
        {
            await Process.WaitForOutputAsync("Coffer listening", StartTimeout);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>A port nobody listens on now: bind 127.0.0.1:0 and let it go.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>A client signing with the given pair against this server.</summary>
    public SigningClient Client(string accessKeyId, string accessKeySecret) => new(_http, Endpoint, accessKeyId, accessKeySecret);

    /// <summary>The admin pair a first start printed, parsed from its stdout.</summary>
    public (string AccessKeyId, string AccessKeySecret) PrintedPair()
    {
        var stdout = Process.StandardOutput;
        var id = PrintedIdPattern().Match(stdout);
        var secret = PrintedSecretPattern().Match(stdout);
        Assert.True(id.Success && secret.Success, "the first start printed no AccessKey pair\n" + Process.Describe());
        return (id.Groups[1].Value, secret.Groups[1].Value);
    }

    /// <summary>Sends a signal and returns the exit code; fails if the process is still running after 10 s.</summary>
    public async Task<int> StopAsync(string signal)
    {
        await Process.SendSignalAsync(signal);
        return await Process.WaitForExitAsync(ShutdownTimeout);
    }

    /// <summary>Reads credentials.json of a data folder.</summary>
    public static (string AccountId, string AccessKeyId, string AccessKeySecret) ReadCredentials(string dataDirectory)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dataDirectory, "credentials.json")));
        var root = json.RootElement;
        return (root.GetProperty("AccountId").GetString()!, root.GetProperty("AccessKeyId").GetString()!, root.GetProperty("AccessKeySecret").GetString()!);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Process.Dispose();
        _http.Dispose();
    }

    [GeneratedRegex(@"AccessKeyId:\s+(\S+)")]
    private static partial Regex PrintedIdPattern();

    [GeneratedRegex(@"AccessKeySecret:\s+(\S+)")]
    private static partial Regex PrintedSecretPattern();
}
