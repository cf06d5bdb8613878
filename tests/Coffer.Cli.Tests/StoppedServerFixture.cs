using Coffer.Testing;

namespace Coffer.Cli.Tests;

/// <summary>
/// A data folder initialised by a first start with COFFER_ROOT_KEY and the COFFER_BOOTSTRAP_* pair, which accepted
/// one signed V2 request (kept for replaying) and was then stopped with SIGTERM. Tests restart on it, or try to.
/// </summary>
public sealed class StoppedServerFixture : IAsyncLifetime
{
    private readonly TempFolder _temp = new();

    /// <summary>The data folder.</summary>
    public string DataDirectory => _temp.Path;

    /// <summary>The root key the folder was initialised with (base64).</summary>
    public string RootKey { get; } = TempFolder.NewRootKey();

    /// <summary>The fixed bootstrap AccessKeyId.</summary>
    public string BootstrapAccessKeyId { get; } = "LTAIcli" + Guid.NewGuid().ToString("N")[..17];

    /// <summary>The fixed bootstrap AccessKeySecret.</summary>
    public string BootstrapAccessKeySecret { get; } = "cli" + Guid.NewGuid().ToString("N");

    /// <summary>The port the first start listened on.</summary>
    public int Port { get; } = CofferServerProcess.FreePort();

    /// <summary>The full URI (every parameter in the query) of the request the first server accepted.</summary>
    public Uri AcceptedRequest { get; private set; } = null!;

    /// <summary>The first server's answer to it.</summary>
    public CofferResponse AcceptedResponse { get; private set; } = null!;

    /// <summary>The first start's whole stdout.</summary>
    public string FirstStartOutput { get; private set; } = "";

    /// <summary>The exit code after SIGTERM, or the reason there is none.</summary>
    public (int? ExitCode, string Failure) Sigterm { get; private set; }

    /// <summary>The environment the folder was initialised with.</summary>
    public Dictionary<string, string> FirstStartEnvironment => new()
    {
        ["COFFER_ROOT_KEY"] = RootKey,
        ["COFFER_BOOTSTRAP_ACCESS_KEY_ID"] = BootstrapAccessKeyId,
        ["COFFER_BOOTSTRAP_ACCESS_KEY_SECRET"] = BootstrapAccessKeySecret,
    };

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        using var server = await CofferServerProcess.StartAsync(DataDirectory, FirstStartEnvironment, Port);
        using var request = server.Client(BootstrapAccessKeyId, BootstrapAccessKeySecret)
            .BuildV2("DescribeRegions", new Dictionary<string, string>(), WirePlacement.PostQuery);
        AcceptedRequest = request.RequestUri!;
        AcceptedResponse = await server.Client(BootstrapAccessKeyId, BootstrapAccessKeySecret).SendAsync(request);
        try
        {
            Sigterm = (await server.StopAsync("TERM"), "");
        }
        catch (TimeoutException e)
        {
            Sigterm = (null, e.Message);
        }

        FirstStartOutput = server.Process.StandardOutput;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _temp.Dispose();
        return ValueTask.CompletedTask;
    }
}
