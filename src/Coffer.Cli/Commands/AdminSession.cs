using System.CommandLine;
using System.Text.Json;
using Coffer.Core.Accounts;
using Coffer.Core.Hosting;
using Coffer.Core.Storage;
using Coffer.Crypto.Wrapping;
using Coffer.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Coffer.Cli.Commands;

/// <summary>
/// The store an administration command works on: the data folder's SQLite database or the PostgreSQL one named by --postgres, opened (never initialised) with its root
/// key checked, while a server may be running on it. Every command prints JSON on standard output; failures are one
/// line on standard error and exit code 1.
/// </summary>
internal sealed class AdminSession(IServiceProvider services, RootKey rootKey)
{
    public IAccountStore Accounts { get; } = services.GetRequiredService<IAccountStore>();

    public IAccessKeyStore AccessKeys { get; } = services.GetRequiredService<IAccessKeyStore>();

    public IUserStore Users { get; } = services.GetRequiredService<IUserStore>();

    public RootKey RootKey => rootKey;

    /// <summary>The option naming an account (default: the data folder's first account).</summary>
    public static Option<string?> AccountOption() => new("--account")
    {
        Description = "The account's UID. Default: the first (default) account of the data folder.",
    };

    /// <summary>Runs <paramref name="work"/> on the store the command's <paramref name="options"/> name.</summary>
    public static async Task<int> RunAsync(
        StoreOptions options, ParseResult result, Func<AdminSession, CancellationToken, Task<int>> work, CancellationToken cancellationToken)
    {
        var data = result.GetValue(options.Data)!;
        if (CommonOptions.ServerOptions(data, result.GetValue(options.Store)!, result.GetValue(options.Postgres)) is not { } server)
        {
            return 1;
        }

        if (server.Store == StoreKind.Sqlite && !File.Exists(server.DatabasePath))
        {
            return await FailAsync($"{Path.GetFullPath(data)} holds no database: run 'coffer serve --data {data}' once first");
        }

        var settings = new StartupSettings(data, CommonOptions.Env("COFFER_ROOT_KEY"), null, null);
        try
        {
            await using var store = CofferStore.Open(server);
            var startup = await DataFolder.OpenAsync(settings, store.Lifecycle, TimeProvider.System, allowInitialise: false, cancellationToken);
            using (startup.RootKey)
            {
                var collection = new ServiceCollection();
                store.AddTo(collection);
                await using var provider = collection.BuildServiceProvider();
                return await work(new AdminSession(provider, startup.RootKey), cancellationToken);
            }
        }
        catch (StartupException e)
        {
            return await FailAsync(e.Message);
        }
        catch (StoreUnavailableException e)
        {
            return await FailAsync($"the database is unavailable: {e.InnerException?.Message}");
        }
    }

    /// <summary>The account <paramref name="uid"/>, or the first account when null; null (reported) when there is none.</summary>
    public async Task<Account?> AccountAsync(string? uid, CancellationToken cancellationToken)
    {
        var account = uid is null
            ? await Accounts.ListAsync(cancellationToken) is [var first, ..] ? first : null
            : await Accounts.FindAsync(new AccountId(uid), cancellationToken);
        if (account is null)
        {
            await FailAsync($"no account {uid}");
        }

        return account;
    }

    /// <summary>Writes <paramref name="value"/> as one line of JSON.</summary>
    public static void Print(object value) => Console.WriteLine(JsonSerializer.Serialize(value));

    /// <summary>Reports a failure; returns the exit code 1.</summary>
    public static async Task<int> FailAsync(string message)
    {
        await Console.Error.WriteLineAsync($"coffer: {message}");
        return 1;
    }
}
