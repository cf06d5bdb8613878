using System.CommandLine;
using System.Text.Json;
using Coffer.Core.Access;
using Coffer.Core.Hosting;
using Coffer.Core.Storage;
using Coffer.Protocol.Requests;
using Coffer.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Coffer.Cli.Commands;

/// <summary>
/// <c>coffer access-key create|list|disable|enable</c>: works directly on the store (the data folder's SQLite database
/// or the PostgreSQL one named by --postgres), also while servers run on it (they read AccessKeys on every request).
/// </summary>
internal static class AccessKeyCommand
{
    private const int MaxAttempts = 5;

    public static Command Create()
    {
        var command = new Command("access-key", "Manage AccessKey pairs of the data folder's account.");
        var create = new Command("create", "Create an AccessKey pair and print it as JSON (the secret is shown only here).");
        var createStore = StoreOptions.AddTo(create);
        create.SetAction((r, ct) => WithStoreAsync(createStore, r, CreateAsync, ct));

        var list = new Command("list", "List AccessKeys (IDs and states, never secrets).");
        var listStore = StoreOptions.AddTo(list);
        list.SetAction((r, ct) => WithStoreAsync(listStore, r, ListAsync, ct));

        command.Subcommands.Add(create);
        command.Subcommands.Add(list);
        command.Subcommands.Add(SetEnabled("disable", "Disable an AccessKey: requests signed with it get Forbidden.AccessKey.", false));
        command.Subcommands.Add(SetEnabled("enable", "Enable a disabled AccessKey again.", true));
        return command;
    }

    private static Command SetEnabled(string name, string description, bool enabled)
    {
        var id = new Argument<string>("access-key-id") { Description = "The AccessKeyId." };
        var command = new Command(name, description) { id };
        var options = StoreOptions.AddTo(command);
        command.SetAction((r, ct) => WithStoreAsync(options, r, (store, c) => SetEnabledAsync(store, r.GetValue(id)!, enabled, c), ct));
        return command;
    }

    private static async Task<int> CreateAsync(OpenedStore store, CancellationToken cancellationToken)
    {
        var accounts = await store.Accounts.ListAsync(cancellationToken);
        var (accessKey, secret) = AccessKeyFactory.Create(store.Startup.RootKey, accounts[0].Id, TimeProvider.System.GetUtcNow());
        await store.AccessKeys.CreateAsync(accessKey, cancellationToken);
        Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["AccessKeyId"] = accessKey.Id,
            ["AccessKeySecret"] = secret,
        }));
        return 0;
    }

    private static async Task<int> ListAsync(OpenedStore store, CancellationToken cancellationToken)
    {
        foreach (var key in await store.AccessKeys.ListAsync(cancellationToken))
        {
            Console.WriteLine($"{key.Id}\t{key.Account.Value}\t{(key.Enabled ? "Enabled" : "Disabled")}\t{WireTimestamp.Format(key.CreationDate)}");
        }

        return 0;
    }

    private static async Task<int> SetEnabledAsync(OpenedStore store, string id, bool enabled, CancellationToken cancellationToken)
    {
        var keys = store.AccessKeys;
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var key = await keys.FindAsync(id, cancellationToken);
            if (key is null)
            {
                await Console.Error.WriteLineAsync($"coffer: no AccessKey {id}");
                return 1;
            }

            if (key.Enabled == enabled || await keys.TrySetEnabledAsync(id, enabled, key.Revision, cancellationToken))
            {
                Console.WriteLine($"{id} {(enabled ? "enabled" : "disabled")}");
                return 0;
            }
        }

        await Console.Error.WriteLineAsync($"coffer: {id} kept changing; try again");
        return 1;
    }

    private static async Task<int> WithStoreAsync(
        StoreOptions options, ParseResult result, Func<OpenedStore, CancellationToken, Task<int>> work, CancellationToken cancellationToken)
    {
        var data = result.GetValue(options.Data)!;
        if (CommonOptions.ServerOptions(data, result.GetValue(options.Store)!, result.GetValue(options.Postgres)) is not { } server)
        {
            return 1;
        }

        var settings = new StartupSettings(data, CommonOptions.Env("COFFER_ROOT_KEY"), null, null);
        if (server.Store == StoreKind.Sqlite && !File.Exists(server.DatabasePath))
        {
            await Console.Error.WriteLineAsync($"coffer: {Path.GetFullPath(data)} holds no database: run 'coffer serve --data {data}' once first");
            return 1;
        }

        try
        {
            await using var store = CofferStore.Open(server);
            var startup = await DataFolder.OpenAsync(settings, store.Lifecycle, TimeProvider.System, allowInitialise: false, cancellationToken);
            using (startup.RootKey)
            {
                var services = new ServiceCollection();
                store.AddTo(services);
                await using var provider = services.BuildServiceProvider();
                var opened = new OpenedStore(provider.GetRequiredService<IAccountStore>(), provider.GetRequiredService<IAccessKeyStore>(), startup);
                return await work(opened, cancellationToken);
            }
        }
        catch (StartupException e)
        {
            await Console.Error.WriteLineAsync($"coffer: {e.Message}");
            return 1;
        }
        catch (StoreUnavailableException e)
        {
            await Console.Error.WriteLineAsync($"coffer: the database is unavailable: {e.InnerException?.Message}");
            return 1;
        }
    }

    private sealed record OpenedStore(IAccountStore Accounts, IAccessKeyStore AccessKeys, StartupResult Startup);

    /// <summary>The options that name the store: --data, --store, --postgres.</summary>
    private sealed record StoreOptions(Option<string> Data, Option<string> Store, Option<string?> Postgres)
    {
        public static StoreOptions AddTo(Command command)
        {
            var options = new StoreOptions(CommonOptions.Data(), CommonOptions.Store(), CommonOptions.Postgres());
            command.Options.Add(options.Data);
            command.Options.Add(options.Store);
            command.Options.Add(options.Postgres);
            return options;
        }
    }
}
