using Coffer.Core;
using Coffer.Core.Hosting;
using Coffer.Server.Hosting;
using Coffer.Testing;
using Microsoft.AspNetCore.Builder;

namespace Coffer.Server.Tests;

/// <summary>
/// Starts the real Coffer host on Kestrel at http://127.0.0.1:0 with a throwaway data folder, and hands out
/// signing clients. One per test class (IClassFixture), so classes run against fresh servers. A subclass may override
/// <see cref="CreateKmsOptions"/> to run with small quotas.
/// </summary>
public class CofferApplicationFactory : IAsyncLifetime
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private WebApplication? _app;

    /// <summary>The bootstrap AccessKeyId.</summary>
    public string AccessKeyId { get; protected init; } = "LTAItest" + Guid.NewGuid().ToString("N")[..16];

    /// <summary>The bootstrap AccessKeySecret.</summary>
    public string AccessKeySecret { get; protected init; } = Guid.NewGuid().ToString("N");

    /// <summary>The throwaway data folder.</summary>
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "coffer-test-" + Guid.NewGuid().ToString("N"));

    /// <summary>The HostId every test server's errors carry.</summary>
    public const string TestHostId = "coffer-test-node";

    /// <summary>The HostId errors carry.</summary>
    public string HostId { get; protected init; } = TestHostId;

    /// <summary>The server's base address.</summary>
    public Uri Endpoint { get; private set; } = new("http://127.0.0.1/");

    /// <summary>A client signing with the bootstrap pair.</summary>
    public SigningClient Client { get; private set; } = null!;

    /// <summary>The raw HTTP client (for hand-made requests).</summary>
    public HttpClient Http => _http;

    /// <summary>The account's UID (from credentials.json).</summary>
    public string AccountId { get; private set; } = "";

    /// <summary>A client signing with another pair, or with a skewed clock.</summary>
    public SigningClient ClientFor(string accessKeyId, string secret, TimeProvider? time = null) =>
        new(_http, Endpoint, accessKeyId, secret, time);

    /// <summary>The host's services (for tests that drive a background component, such as the scheduler, directly).</summary>
    public IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException("The host is not started.");

    /// <summary>The Core settings the server runs with (the defaults unless a subclass narrows them).</summary>
    protected virtual KmsOptions CreateKmsOptions() => new();

    /// <summary>The clock of the host (the system clock unless a subclass drives time).</summary>
    protected virtual TimeProvider Time => TimeProvider.System;

    /// <summary>COFFER_ROOT_KEY for the host, or null for the data folder's key file.</summary>
    protected virtual string? RootKeyBase64 => null;

    /// <summary>Lets a subclass pick another store.</summary>
    protected virtual void ConfigureServer(CofferServerOptions server)
    {
    }

    /// <inheritdoc />
    public virtual async ValueTask InitializeAsync()
    {
        var server = new CofferServerOptions { Urls = "http://127.0.0.1:0", DataDirectory = DataDirectory, HostId = HostId };
        ConfigureServer(server);
        var settings = new StartupSettings(DataDirectory, RootKeyBase64, AccessKeyId, AccessKeySecret);
        var (app, startup) = await CofferServer.BuildAsync(server, CreateKmsOptions(), settings, Time, CancellationToken.None);
        _app = app;
        AccountId = startup.NewAccount?.Value ?? "";
        await app.StartAsync();
        Endpoint = new Uri(app.Urls.First() + "/");
        Client = ClientFor(AccessKeyId, AccessKeySecret, Time);
    }

    /// <inheritdoc />
    public virtual async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _http.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }

        GC.SuppressFinalize(this);
    }
}
