using Coffer.Core;
using Coffer.Core.Hosting;
using Coffer.Server;
using Coffer.Server.Hosting;
using Microsoft.AspNetCore.Builder;

namespace Coffer.Bench;

/// <summary>The real Coffer host, in process, on 127.0.0.1:0 with a throwaway data folder and a bootstrap AccessKey.</summary>
internal sealed class CofferHost(KmsOptions options) : IAsyncDisposable
{
    private WebApplication? _app;

    public string AccessKeyId { get; } = "LTAIbench" + Guid.NewGuid().ToString("N")[..16];

    public string AccessKeySecret { get; } = Guid.NewGuid().ToString("N");

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "coffer-bench-" + Guid.NewGuid().ToString("N"));

    public Uri Endpoint { get; private set; } = new("http://127.0.0.1/");

    public KmsOptions Options => options;

    /// <summary>The host's services (the store ports, the material cache), for seeding and statistics.</summary>
    public IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException("Not started.");

    public async Task StartAsync()
    {
        var server = new CofferServerOptions { Urls = "http://127.0.0.1:0", DataDirectory = DataDirectory, HostId = "coffer-bench" };
        var settings = new StartupSettings(DataDirectory, null, AccessKeyId, AccessKeySecret);
        var (app, _) = await CofferServer.BuildAsync(server, options, settings, TimeProvider.System, CancellationToken.None);
        _app = app;
        await app.StartAsync();
        Endpoint = new Uri(app.Urls.First() + "/");
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
