using System.Text.Json;
using Coffer.Core.Access;
using Coffer.Core.Accounts;
using Coffer.Core.Storage;
using Coffer.Crypto;
using Coffer.Crypto.Wrapping;

namespace Coffer.Core.Hosting;

/// <summary>
/// Opens a data folder, or initialises it when its store holds nothing: root key, one account, one admin
/// AccessKey. Shared by <c>coffer serve</c> and the offline admin commands.
/// </summary>
public static class DataFolder
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Loads and verifies the root key of an initialised store, or initialises an empty one.</summary>
    /// <exception cref="StartupException">Root key missing, unreadable, too widely readable or not the store's.</exception>
    public static async Task<StartupResult> OpenAsync(
        StartupSettings settings, IStoreLifecycle store, TimeProvider time, bool allowInitialise, CancellationToken cancellationToken)
    {
        await store.MigrateAsync(cancellationToken);
        var check = await store.GetRootKeyCheckAsync(cancellationToken);
        if (check is null)
        {
            if (!allowInitialise)
            {
                throw new StartupException($"{settings.DataDirectory} is not initialised: run 'coffer serve' once first");
            }

            // Null when another node sharing the database initialised it first: then its check record decides.
            if (await InitialiseAsync(settings, store, time, cancellationToken) is { } initialised)
            {
                return initialised;
            }

            check = await store.GetRootKeyCheckAsync(cancellationToken)
                ?? throw new StartupException("the database reported itself initialised but holds no root-key check record");
        }

        var root = LoadRootKey(settings)
            ?? throw new StartupException(
                $"the root key is missing: set COFFER_ROOT_KEY or restore {settings.RootKeyFile}; the database was initialised with one");
        if (!root.VerifyCheckRecord(check))
        {
            root.Dispose();
            throw new StartupException("the root key does not match this database (its check record does not verify)");
        }

        return new StartupResult(root, null, null, null);
    }

    private static async Task<StartupResult?> InitialiseAsync(
        StartupSettings settings, IStoreLifecycle store, TimeProvider time, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(settings.BootstrapAccessKeyId) != string.IsNullOrEmpty(settings.BootstrapAccessKeySecret))
        {
            throw new StartupException("set both COFFER_BOOTSTRAP_ACCESS_KEY_ID and COFFER_BOOTSTRAP_ACCESS_KEY_SECRET, or neither");
        }

        var root = LoadRootKey(settings);
        var writeKeyFile = root is null;
        root ??= RootKey.Generate();
        if (writeKeyFile)
        {
            WriteOwnerOnly(settings.RootKeyFile, root.ExportBase64() + "\n");
        }

        var now = time.GetUtcNow();
        var account = new Account(new AccountId(NewUid()), AccountStatus.Opened, now, Revision: 1);
        var (adminKey, secret) = AccessKeyFactory.Create(
            root, account.Id, now, NullIfEmpty(settings.BootstrapAccessKeyId), NullIfEmpty(settings.BootstrapAccessKeySecret));
        var credentials = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["AccountId"] = account.Id.Value,
            ["AccessKeyId"] = adminKey.Id,
            ["AccessKeySecret"] = secret,
        });

        // The pair is written before the database commits it and moved into place after, so a committed admin key
        // always has its secret on disk (a stale credentials.json of an earlier folder is replaced).
        var pending = settings.CredentialsFile + ".new";
        File.Delete(pending);
        WriteOwnerOnly(pending, credentials + "\n");
        try
        {
            await store.InitialiseAsync(root.CreateCheckRecord(), account, adminKey, cancellationToken);
        }
        catch (InvalidOperationException)
        {
            // Another node initialised the shared database between our read and our write. A key generated here
            // protects nothing: remove it, so this node starts with the shared key or says that it is missing.
            File.Delete(pending);
            if (writeKeyFile)
            {
                File.Delete(settings.RootKeyFile);
            }

            root.Dispose();
            return null;
        }
        catch
        {
            File.Delete(pending);
            throw;
        }

        File.Move(pending, settings.CredentialsFile, overwrite: true);
        return new StartupResult(root, account.Id, adminKey.Id, secret);
    }

    private static RootKey? LoadRootKey(StartupSettings settings)
    {
        if (!string.IsNullOrEmpty(settings.RootKeyBase64))
        {
            return RootKey.TryFromBase64(settings.RootKeyBase64, out var fromEnv)
                ? fromEnv
                : throw new StartupException("COFFER_ROOT_KEY is not base64 of exactly 32 bytes");
        }

        if (!File.Exists(settings.RootKeyFile))
        {
            return null;
        }

        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(settings.RootKeyFile) & ~OwnerOnly & ~UnixFileMode.UserExecute) != 0)
        {
            throw new StartupException($"{settings.RootKeyFile} is readable by group or others: chmod 600 it");
        }

        return RootKey.TryFromBase64(File.ReadAllText(settings.RootKeyFile), out var fromFile)
            ? fromFile
            : throw new StartupException($"{settings.RootKeyFile} does not hold base64 of exactly 32 bytes");
    }

    private static void WriteOwnerOnly(string path, string text)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        using var stream = new FileStream(path, options);
        using var writer = new StreamWriter(stream);
        writer.Write(text);
        writer.Flush();
        stream.Flush(flushToDisk: true);
    }

    private static string NewUid() => CryptoRandom.Text(1, "123456789") + CryptoRandom.Text(15, "0123456789");

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
