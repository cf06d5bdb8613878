using System.CommandLine;
using Coffer.Core;
using Coffer.Core.Hosting;
using Coffer.Core.Storage;
using Coffer.Server;
using Coffer.Server.Hosting;
using Coffer.Server.Throttling;
using Microsoft.Extensions.Hosting;

namespace Coffer.Cli.Commands;

/// <summary><c>coffer serve</c>: runs the KMS on the embedded SQLite store or on a shared PostgreSQL database.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls")
        {
            Description = "Addresses to listen on. Default: $COFFER_URLS or " + CofferServerOptions.DefaultUrls,
            DefaultValueFactory = _ => CommonOptions.Env("COFFER_URLS") ?? CofferServerOptions.DefaultUrls,
        };
        var data = CommonOptions.Data();
        var store = CommonOptions.Store();
        var postgres = CommonOptions.Postgres();
        var command = new Command(
            "serve",
            "Start Coffer. The first start initialises the store (one account, one admin AccessKey printed once); with " +
            "--store postgres every node shares the database and the root key.")
        {
            urls,
            data,
            store,
            postgres,
        };
        command.SetAction((result, cancellationToken) => RunAsync(
            result.GetValue(urls)!, result.GetValue(data)!, result.GetValue(store)!, result.GetValue(postgres), cancellationToken));
        return command;
    }

    /// <summary>The rate-limit environment variables and the setting each fills.</summary>
    private static (string Name, Action<int> Set)[] RateLimitSettings(RateLimitOptions limits) =>
    [
        ("COFFER_RATE_LIMIT_SYMMETRIC", v => limits.SymmetricPerAccount = v),
        ("COFFER_RATE_LIMIT_ASYMMETRIC", v => limits.AsymmetricPerAccount = v),
        ("COFFER_RATE_LIMIT_MANAGEMENT", v => limits.ManagementPerAccount = v),
        ("COFFER_RATE_LIMIT_ACCESS_KEY", v => limits.PerAccessKey = v),
    ];

    private static async Task<int> RunAsync(string urls, string data, string store, string? postgres, CancellationToken cancellationToken)
    {
        if (CommonOptions.ServerOptions(data, store, postgres) is not { } server)
        {
            return 1;
        }

        server.Urls = urls;
        if (CommonOptions.Env("COFFER_HOST_ID") is { } hostId)
        {
            server.HostId = hostId;
        }

        var kms = new KmsOptions();
        if (CommonOptions.Env("COFFER_REGION") is { } region)
        {
            kms.Region = region;
        }

        if (CommonOptions.Env("COFFER_QUOTA_PROFILE") is { } profile)
        {
            try
            {
                kms.ApplyQuotaProfile(profile);
            }
            catch (ArgumentException e)
            {
                await Console.Error.WriteLineAsync($"coffer: COFFER_QUOTA_PROFILE: {e.Message}");
                return 1;
            }
        }

        if (CommonOptions.Env("COFFER_CACHE_BOUND_MS") is { } boundText)
        {
            if (!int.TryParse(boundText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var boundMs))
            {
                await Console.Error.WriteLineAsync("coffer: COFFER_CACHE_BOUND_MS: expected a whole number of milliseconds.");
                return 1;
            }

            kms.StoreCacheBound = TimeSpan.FromMilliseconds(boundMs);
        }

        foreach (var (name, set) in RateLimitSettings(server.RateLimits))
        {
            if (CommonOptions.Env(name) is not { } text)
            {
                continue;
            }

            if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var perSecond))
            {
                await Console.Error.WriteLineAsync($"coffer: {name} must be a whole number of requests per second (0 = off)");
                return 1;
            }

            set(perSecond);
        }

        var settings = new StartupSettings(
            data,
            CommonOptions.Env("COFFER_ROOT_KEY"),
            CommonOptions.Env("COFFER_BOOTSTRAP_ACCESS_KEY_ID"),
            CommonOptions.Env("COFFER_BOOTSTRAP_ACCESS_KEY_SECRET"));
        try
        {
            var (app, startup) = await CofferServer.BuildAsync(server, kms, settings, TimeProvider.System, cancellationToken);
            await using (app)
            {
                if (startup.NewAccount is { } account)
                {
                    Console.WriteLine($"Initialised {(server.Store == StoreKind.Sqlite ? Path.GetFullPath(data) : "the PostgreSQL database")} for account {account.Value}.");
                    Console.WriteLine("Admin AccessKey (shown once; also in credentials.json, mode 0600):");
                    Console.WriteLine($"  AccessKeyId:     {startup.NewAccessKeyId}");
                    Console.WriteLine($"  AccessKeySecret: {startup.NewAccessKeySecret}");
                }

                await app.StartAsync(cancellationToken);
                Console.WriteLine(
                    $"Coffer listening on {string.Join(", ", app.Urls)} (data: {Path.GetFullPath(data)}, store: {StoreName(server.Store)}, " +
                    $"region: {kms.Region}, host: {server.HostId})");
                await app.WaitForShutdownAsync(CancellationToken.None);
            }

            return 0;
        }
        catch (StartupException e)
        {
            await Console.Error.WriteLineAsync($"coffer: {e.Message}");
            return 1;
        }
        catch (StoreUnavailableException e)
        {
            await Console.Error.WriteLineAsync($"coffer: the database cannot be used: {e.InnerException?.Message ?? e.Message}");
            return 1;
        }
        catch (IOException e)
        {
            await Console.Error.WriteLineAsync($"coffer: cannot start: {e.Message}");
            return 1;
        }
    }

    private static string StoreName(StoreKind kind) => kind == StoreKind.Postgres ? "postgres" : "sqlite";
}
