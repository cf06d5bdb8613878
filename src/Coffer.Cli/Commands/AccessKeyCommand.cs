using System.CommandLine;
using System.Text.Json;
using Coffer.Core.Access;
using Coffer.Core.Hosting;
using Coffer.Core.Storage;
using Coffer.Protocol.Requests;
using Coffer.Storage.Sqlite;

namespace Coffer.Cli.Commands;

/// <summary>
/// <c>coffer access-key create|list|disable|enable</c>: works directly on the data folder, also while a server runs
/// on it (the server reads AccessKeys from the store on every request).
/// </summary>
internal static class AccessKeyCommand
{
    private const int MaxAttempts = 5;

    public static Command Create()
    {
        var command = new Command("access-key", "Manage AccessKey pairs of the data folder's account.");
        var create = new Command("create", "Create an AccessKey pair and print it as JSON (the secret is shown only here).");
        var createData = CommonOptions.Data();
        create.Options.Add(createData);
        create.SetAction((r, ct) => WithStoreAsync(r.GetValue(createData)!, CreateAsync, ct));

        var list = new Command("list", "List AccessKeys (IDs and states, never secrets).");
        var listData = CommonOptions.Data();
        list.Options.Add(listData);
        list.SetAction((r, ct) => WithStoreAsync(r.GetValue(listData)!, ListAsync, ct));

        command.Subcommands.Add(create);
        command.Subcommands.Add(list);
        command.Subcommands.Add(SetEnabled("disable", "Disable an AccessKey: requests signed with it get Forbidden.AccessKey.", false));
        command.Subcommands.Add(SetEnabled("enable", "Enable a disabled AccessKey again.", true));
        return command;
    }

    private static Command SetEnabled(string name, string description, bool enabled)
    {
        var id = new Argument<string>("access-key-id") { Description = "The AccessKeyId." };
        var data = CommonOptions.Data();
        var command = new Command(name, description) { id, data };
        command.SetAction((r, ct) => WithStoreAsync(r.GetValue(data)!, (store, c) => SetEnabledAsync(store, r.GetValue(id)!, enabled, c), ct));
        return command;
    }

    private static async Task<int> CreateAsync(OpenedStore store, CancellationToken cancellationToken)
    {
        var accounts = await new SqliteAccountStore(store.Database).ListAsync(cancellationToken);
        var (accessKey, secret) = AccessKeyFactory.Create(store.Startup.RootKey, accounts[0].Id, TimeProvider.System.GetUtcNow());
        await new SqliteAccessKeyStore(store.Database).CreateAsync(accessKey, cancellationToken);
        Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["AccessKeyId"] = accessKey.Id,
            ["AccessKeySecret"] = secret,
        }));
        return 0;
    }

    private static async Task<int> ListAsync(OpenedStore store, CancellationToken cancellationToken)
    {
        foreach (var key in await new SqliteAccessKeyStore(store.Database).ListAsync(cancellationToken))
        {
            Console.WriteLine($"{key.Id}\t{key.Account.Value}\t{(key.Enabled ? "Enabled" : "Disabled")}\t{WireTimestamp.Format(key.CreationDate)}");
        }

        return 0;
    }

    private static async Task<int> SetEnabledAsync(OpenedStore store, string id, bool enabled, CancellationToken cancellationToken)
    {
        var keys = new SqliteAccessKeyStore(store.Database);
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

    private static async Task<int> WithStoreAsync(string data, Func<OpenedStore, CancellationToken, Task<int>> work, CancellationToken cancellationToken)
    {
        var settings = new StartupSettings(data, CommonOptions.Env("COFFER_ROOT_KEY"), null, null);
        var path = Path.Combine(data, "coffer.db");
        if (!File.Exists(path))
        {
            await Console.Error.WriteLineAsync($"coffer: {Path.GetFullPath(data)} holds no database: run 'coffer serve --data {data}' once first");
            return 1;
        }

        using var database = new SqliteDatabase(path);
        try
        {
            var startup = await DataFolder.OpenAsync(settings, new SqliteLifecycle(database), TimeProvider.System, allowInitialise: false, cancellationToken);
            using (startup.RootKey)
            {
                return await work(new OpenedStore(database, startup), cancellationToken);
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

    private sealed record OpenedStore(SqliteDatabase Database, StartupResult Startup);
}
