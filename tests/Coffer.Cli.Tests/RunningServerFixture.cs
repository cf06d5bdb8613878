namespace Coffer.Cli.Tests;

/// <summary>
/// One <c>coffer serve</c> per test class, started the way a user first starts it: no COFFER_* variable at all, on a
/// data folder that does not exist yet. It keeps running for the whole class (each start costs about a second).
/// </summary>
public sealed class RunningServerFixture : IAsyncLifetime
{
    private readonly TempFolder _temp = new();
    private CofferServerProcess? _server;

    /// <summary>The data folder (created by the first start).</summary>
    public string DataDirectory => _temp.Combine("data");

    /// <summary>The running server.</summary>
    public CofferServerProcess Server => _server ?? throw new InvalidOperationException("not started");

    /// <summary>The admin AccessKeyId the first start printed.</summary>
    public string AdminAccessKeyId { get; private set; } = "";

    /// <summary>The admin AccessKeySecret the first start printed.</summary>
    public string AdminAccessKeySecret { get; private set; } = "";

    /// <summary>What the first start printed up to "Coffer listening".</summary>
    public string FirstStartOutput { get; private set; } = "";

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        _server = await CofferServerProcess.StartAsync(DataDirectory);
        FirstStartOutput = _server.Process.StandardOutput;
        (AdminAccessKeyId, AdminAccessKeySecret) = _server.PrintedPair();
    }

    /// <summary>A client signing with the admin pair.</summary>
    public Coffer.Testing.SigningClient AdminClient() => Server.Client(AdminAccessKeyId, AdminAccessKeySecret);

    /// <summary>Runs <c>coffer access-key ... --data DIR</c> on this server's folder.</summary>
    public Task<CommandResult> AccessKeyAsync(params string[] arguments) =>
        CofferProcess.RunAsync(["access-key", .. arguments, "--data", DataDirectory]);

    /// <summary>Runs <c>coffer COMMAND ... --data DIR</c> on this server's folder.</summary>
    public Task<CommandResult> RunAsync(params string[] arguments) => CofferProcess.RunAsync([.. arguments, "--data", DataDirectory]);

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _server?.Dispose();
        _temp.Dispose();
        return ValueTask.CompletedTask;
    }
}
