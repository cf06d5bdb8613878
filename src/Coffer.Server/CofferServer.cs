using Coffer.Core;
using Coffer.Core.Hosting;
using Coffer.Server.Actions;
using Coffer.Server.Authentication;
using Coffer.Server.Authorization;
using Coffer.Server.Dispatch;
using Coffer.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Coffer.Server;

/// <summary>Builds the Coffer web host: opens the data folder, registers every feature, maps the RPC endpoint.</summary>
public static class CofferServer
{
    /// <summary>The host setting that turns off ASP.NET's watching of configuration files (see <see cref="BuildAsync"/>).</summary>
    private const string NoConfigurationReload = "--hostBuilder:reloadConfigOnChange=false";

    /// <summary>
    /// Opens the configured store (SQLite in the data folder, or PostgreSQL), opens or on first start initialises it
    /// with the data folder's root key, and builds the application. The caller runs it.
    /// </summary>
    /// <exception cref="StartupException">The data folder cannot be opened (one-line reason).</exception>
    public static async Task<(WebApplication App, StartupResult Startup)> BuildAsync(
        CofferServerOptions server, KmsOptions kms, StartupSettings settings, TimeProvider time, CancellationToken cancellationToken)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(server.DataDirectory);
        }
        else
        {
            // Security: a new data folder is the owner's only; an existing one keeps the mode its operator gave it.
            Directory.CreateDirectory(server.DataDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var store = CofferStore.Open(server);
        StartupResult startup;
        try
        {
            startup = await DataFolder.OpenAsync(settings, store.Lifecycle, time, allowInitialise: true, cancellationToken);
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }

        // Coffer reads no configuration file, so nothing is watched for changes. ASP.NET's default watches the whole
        // working directory tree (22,820 inotify watches when started in /tmp), and the README's data folder sits in it,
        // so every commit woke the watcher. Throughput gain measured within this bench's noise (docs/performance.md).
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [NoConfigurationReload] });
        builder.WebHost.UseUrls(server.Urls);
        builder.WebHost.ConfigureKestrel(ConfigureKestrel);

        // Security: ASP.NET's request logging would write query strings, and with them plaintexts and signatures.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);

        // Off entirely: this category writes only request start and finish lines, and while any level of it is on, ASP.NET
        // starts an Activity and a logging scope for every request (about 1% of the Encrypt bench's CPU and allocations).
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        store.AddTo(builder.Services);
        builder.Services.AddCoffer(server, kms, startup, time);
        var app = builder.Build();
        app.MapCoffer();
        return (app, startup);
    }

    /// <summary>Registers Coffer's services: options, Core, authentication, authorization, actions (the store is registered first).</summary>
    public static IServiceCollection AddCoffer(
        this IServiceCollection services, CofferServerOptions server, KmsOptions kms, StartupResult startup, TimeProvider time)
    {
        services.AddSingleton(server);
        services.AddSingleton(kms);
        services.AddSingleton(time);
        services.AddSingleton(startup.RootKey);
        services.AddCofferCore();
        services.AddSingleton<RequestAuthenticator>();
        services.AddSingleton(_ => new Throttling.RequestThrottle(server.RateLimits));
        services.AddSingleton<IRequestAuthorizer, PolicyAuthorizer>();
        services.AddCofferActions();
        services.AddSingleton<ActionTable>();
        services.AddSingleton<RpcEndpoint>();
        services.AddHostedService<SchedulerService>();
        return services;
    }

    /// <summary>Maps the one RPC endpoint: every path and method goes through it, so it can answer each with the catalogue.</summary>
    public static WebApplication MapCoffer(this WebApplication app)
    {
        var endpoint = app.Services.GetRequiredService<RpcEndpoint>();
        app.Run(endpoint.HandleAsync);
        return app;
    }

    private static IServiceCollection AddCofferActions(this IServiceCollection services)
    {
        services.AddSingleton<IActionEndpoint, DescribeRegionsEndpoint>();
        services.AddSingleton<IActionEndpoint, DescribeAccountKmsStatusEndpoint>();
        services.AddSingleton<IActionEndpoint, OpenKmsServiceEndpoint>();
        services.AddSingleton<IActionEndpoint, CreateKeyEndpoint>();
        services.AddSingleton<IActionEndpoint, DescribeKeyEndpoint>();
        services.AddSingleton<IActionEndpoint, ListKeysEndpoint>();
        services.AddSingleton<IActionEndpoint, EncryptEndpoint>();
        services.AddSingleton<IActionEndpoint, DecryptEndpoint>();
        services.AddSingleton<IActionEndpoint, GenerateDataKeyEndpoint>();
        services.AddSingleton<IActionEndpoint, GenerateDataKeyWithoutPlaintextEndpoint>();
        services.AddSingleton<IActionEndpoint, GenerateAndExportDataKeyEndpoint>();
        services.AddSingleton<IActionEndpoint, ExportDataKeyEndpoint>();

        // Lifecycle, policies, versions and rotation.
        services.AddSingleton<IActionEndpoint, UpdateKeyDescriptionEndpoint>();
        services.AddSingleton<IActionEndpoint, EnableKeyEndpoint>();
        services.AddSingleton<IActionEndpoint, DisableKeyEndpoint>();
        services.AddSingleton<IActionEndpoint, ScheduleKeyDeletionEndpoint>();
        services.AddSingleton<IActionEndpoint, CancelKeyDeletionEndpoint>();
        services.AddSingleton<IActionEndpoint, SetDeletionProtectionEndpoint>();
        services.AddSingleton<IActionEndpoint, GetKeyPolicyEndpoint>();
        services.AddSingleton<IActionEndpoint, SetKeyPolicyEndpoint>();
        services.AddSingleton<IActionEndpoint, CreateKeyVersionEndpoint>();
        services.AddSingleton<IActionEndpoint, DescribeKeyVersionEndpoint>();
        services.AddSingleton<IActionEndpoint, ListKeyVersionsEndpoint>();
        services.AddSingleton<IActionEndpoint, UpdateRotationPolicyEndpoint>();

        // Aliases, tags and ReEncrypt.
        services.AddSingleton<IActionEndpoint, CreateAliasEndpoint>();
        services.AddSingleton<IActionEndpoint, UpdateAliasEndpoint>();
        services.AddSingleton<IActionEndpoint, DeleteAliasEndpoint>();
        services.AddSingleton<IActionEndpoint, ListAliasesEndpoint>();
        services.AddSingleton<IActionEndpoint, ListAliasesByKeyIdEndpoint>();
        services.AddSingleton<IActionEndpoint, TagResourcesEndpoint>();
        services.AddSingleton<IActionEndpoint, UntagResourcesEndpoint>();
        services.AddSingleton<IActionEndpoint, ListTagResourcesEndpoint>();
        services.AddSingleton<IActionEndpoint, TagResourceEndpoint>();
        services.AddSingleton<IActionEndpoint, UntagResourceEndpoint>();
        services.AddSingleton<IActionEndpoint, ListResourceTagsEndpoint>();
        services.AddSingleton<IActionEndpoint, ReEncryptEndpoint>();

        // Secrets Manager.
        services.AddSingleton<IActionEndpoint, CreateSecretEndpoint>();
        services.AddSingleton<IActionEndpoint, GetSecretValueEndpoint>();
        services.AddSingleton<IActionEndpoint, BatchGetSecretValueEndpoint>();
        services.AddSingleton<IActionEndpoint, PutSecretValueEndpoint>();
        services.AddSingleton<IActionEndpoint, ListSecretVersionIdsEndpoint>();
        services.AddSingleton<IActionEndpoint, UpdateSecretVersionStageEndpoint>();
        services.AddSingleton<IActionEndpoint, DescribeSecretEndpoint>();
        services.AddSingleton<IActionEndpoint, ListSecretsEndpoint>();
        services.AddSingleton<IActionEndpoint, UpdateSecretEndpoint>();
        services.AddSingleton<IActionEndpoint, DeleteSecretEndpoint>();
        services.AddSingleton<IActionEndpoint, RestoreSecretEndpoint>();
        services.AddSingleton<IActionEndpoint, GetRandomPasswordEndpoint>();
        services.AddSingleton<IActionEndpoint, GetSecretPolicyEndpoint>();
        services.AddSingleton<IActionEndpoint, SetSecretPolicyEndpoint>();
        services.AddSingleton<IActionEndpoint, UpdateSecretRotationPolicyEndpoint>();
        services.AddSingleton<IActionEndpoint, RotateSecretEndpoint>();

        // Key pairs and HMAC keys.
        services.AddSingleton<IActionEndpoint, GetPublicKeyEndpoint>();

        // Bring your own key.
        services.AddSingleton<IActionEndpoint, GetParametersForImportEndpoint>();
        services.AddSingleton<IActionEndpoint, ImportKeyMaterialEndpoint>();
        services.AddSingleton<IActionEndpoint, DeleteKeyMaterialEndpoint>();
        services.AddSingleton<IActionEndpoint, AsymmetricSignEndpoint>();
        services.AddSingleton<IActionEndpoint, AsymmetricVerifyEndpoint>();
        services.AddSingleton<IActionEndpoint, AsymmetricEncryptEndpoint>();
        services.AddSingleton<IActionEndpoint, AsymmetricDecryptEndpoint>();
        services.AddSingleton<IActionEndpoint, GenerateMacEndpoint>();
        services.AddSingleton<IActionEndpoint, VerifyMacEndpoint>();
        return services;
    }

    private static void ConfigureKestrel(KestrelServerOptions options)
    {
        // Coffer enforces 64 KiB request lines and headers and 1 MiB bodies itself, with ParseRequestParameterException;
        // Kestrel's own limits sit well above so that its non-customisable 4xx pages are only for grossly oversized input.
        options.Limits.MaxRequestLineSize = 1024 * 1024;
        options.Limits.MaxRequestHeadersTotalSize = 1024 * 1024;
        options.Limits.MaxRequestBufferSize = 2 * 1024 * 1024;
        options.Limits.MaxRequestBodySize = 8 * 1024 * 1024;
        options.AddServerHeader = false;
    }
}
