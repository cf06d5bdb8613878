using System.Runtime.Versioning;
using System.Text.Json;
using Coffer.Core.Access;
using Coffer.Core.Accounts;
using Coffer.Core.Hosting;
using Coffer.Core.Storage;
using Coffer.Crypto.Wrapping;
using Coffer.Storage.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Coffer.Core.Tests.Hosting;

// File modes are the point of several tests; Coffer's data folder is POSIX-only.
[UnsupportedOSPlatform("windows")]
public sealed class DataFolderTests : IDisposable
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "coffer-core-test-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 14, 9, 26, 53, TimeSpan.Zero));

    public DataFolderTests() => Directory.CreateDirectory(_folder);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string RootKeyFile => Path.Combine(_folder, "root.key");

    private string CredentialsFile => Path.Combine(_folder, "credentials.json");

    [Fact]
    public async Task OpenAsync_EmptyFolder_InitialisesAndWritesOwnerOnlyFiles()
    {
        using var result = await OpenAsync(Settings());

        Assert.NotNull(result.Result.NewAccount);
        Assert.Matches("^[1-9][0-9]{15}$", result.Result.NewAccount.Value.Value);
        Assert.NotNull(result.Result.NewAccessKeyId);
        Assert.NotNull(result.Result.NewAccessKeySecret);
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(RootKeyFile));
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(CredentialsFile));
        var credentials = ReadCredentials();
        Assert.Equal(result.Result.NewAccount.Value.Value, credentials["AccountId"]);
        Assert.Equal(result.Result.NewAccessKeyId, credentials["AccessKeyId"]);
        Assert.Equal(result.Result.NewAccessKeySecret, credentials["AccessKeySecret"]);
    }

    [Fact]
    public async Task OpenAsync_EmptyFolder_StoresTheAccountTheAdminKeyAndAVerifiableCheckRecord()
    {
        using var result = await OpenAsync(Settings());

        using var database = new SqliteDatabase(DatabaseFile);
        var account = await new SqliteAccountStore(database).FindAsync(result.Result.NewAccount!.Value, Ct);
        var admin = await new SqliteAccessKeyStore(database).FindAsync(result.Result.NewAccessKeyId!, Ct);
        var check = await new SqliteLifecycle(database).GetRootKeyCheckAsync(Ct);
        Assert.Equal(AccountStatus.Opened, account!.Status);
        Assert.Equal(_time.GetUtcNow(), account.CreationDate);
        Assert.True(admin!.Enabled);
        Assert.Equal(account.Id, admin.Account);
        Assert.Equal(result.Result.NewAccessKeySecret, System.Text.Encoding.UTF8.GetString(AccessKeyFactory.UnwrapSecret(result.Result.RootKey, admin)!));
        Assert.True(RootKey.TryFromBase64(await File.ReadAllTextAsync(RootKeyFile, Ct), out var fromFile));
        using (fromFile)
        {
            Assert.True(fromFile!.VerifyCheckRecord(check));
        }
    }

    [Fact]
    public async Task OpenAsync_BootstrapPair_IsTheAdminKey()
    {
        using var result = await OpenAsync(Settings(id: "LTAIbootstrap0001", secret: "bootstrap-secret-value"));

        Assert.Equal("LTAIbootstrap0001", result.Result.NewAccessKeyId);
        Assert.Equal("bootstrap-secret-value", result.Result.NewAccessKeySecret);
        Assert.Equal("LTAIbootstrap0001", ReadCredentials()["AccessKeyId"]);
        using var database = new SqliteDatabase(DatabaseFile);
        var admin = await new SqliteAccessKeyStore(database).FindAsync("LTAIbootstrap0001", Ct);
        Assert.Equal("bootstrap-secret-value"u8.ToArray(), AccessKeyFactory.UnwrapSecret(result.Result.RootKey, admin!));
    }

    [Fact]
    public async Task OpenAsync_SecondStartWithTheSameKey_VerifiesAndReturnsNoNewCredentials()
    {
        using (await OpenAsync(Settings()))
        {
        }

        var credentials = await File.ReadAllTextAsync(CredentialsFile, Ct);

        using var second = await OpenAsync(Settings(), allowInitialise: false);

        Assert.Null(second.Result.NewAccount);
        Assert.Null(second.Result.NewAccessKeyId);
        Assert.Null(second.Result.NewAccessKeySecret);
        Assert.Equal(credentials, await File.ReadAllTextAsync(CredentialsFile, Ct));
        using var database = new SqliteDatabase(DatabaseFile);
        Assert.True(second.Result.RootKey.VerifyCheckRecord(await new SqliteLifecycle(database).GetRootKeyCheckAsync(Ct)));
        Assert.Single(await new SqliteAccountStore(database).ListAsync(Ct));
    }

    [Fact]
    public async Task OpenAsync_RootKeyFromTheEnvironment_IsUsedAndNoKeyFileWritten()
    {
        using var root = RootKey.Generate();
        var base64 = root.ExportBase64();
        using (await OpenAsync(Settings(rootKeyBase64: base64)))
        {
        }

        using var second = await OpenAsync(Settings(rootKeyBase64: base64));

        Assert.False(File.Exists(RootKeyFile));
        Assert.Equal(base64, second.Result.RootKey.ExportBase64());
    }

    [Fact]
    public async Task OpenAsync_DifferentRootKeyFromTheEnvironment_ThrowsDoesNotMatch()
    {
        using (await OpenAsync(Settings()))
        {
        }

        using var other = RootKey.Generate();

        var error = await Assert.ThrowsAsync<StartupException>(() => OpenAsync(Settings(rootKeyBase64: other.ExportBase64())));

        Assert.Contains("does not match", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_RootKeyFileDeleted_ThrowsMissing()
    {
        using (await OpenAsync(Settings()))
        {
        }

        File.Delete(RootKeyFile);

        var error = await Assert.ThrowsAsync<StartupException>(() => OpenAsync(Settings()));

        Assert.Contains("missing", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(RootKeyFile), "a missing root key must never be regenerated over an initialised database");
    }

    [Theory]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead)]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead)]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.OtherRead)]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherWrite)]
    public async Task OpenAsync_RootKeyFileReadableByOthers_Throws(UnixFileMode mode)
    {
        using (await OpenAsync(Settings()))
        {
        }

        File.SetUnixFileMode(RootKeyFile, mode);

        var error = await Assert.ThrowsAsync<StartupException>(() => OpenAsync(Settings()));

        Assert.Contains("chmod 600", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_RootKeyFileOwnerReadOnly_Opens()
    {
        using (await OpenAsync(Settings()))
        {
        }

        File.SetUnixFileMode(RootKeyFile, UnixFileMode.UserRead);

        using var second = await OpenAsync(Settings());

        Assert.Null(second.Result.NewAccount);
    }

    [Fact]
    public async Task OpenAsync_RootKeyFileNotAKey_Throws()
    {
        using (await OpenAsync(Settings()))
        {
        }

        File.WriteAllText(RootKeyFile, "not a key");

        var error = await Assert.ThrowsAsync<StartupException>(() => OpenAsync(Settings()));

        Assert.Contains("32 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_EnvironmentRootKeyNotAKey_Throws()
    {
        var error = await Assert.ThrowsAsync<StartupException>(() => OpenAsync(Settings(rootKeyBase64: "c2hvcnQ=")));

        Assert.Contains("COFFER_ROOT_KEY", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_EmptyFolderWithoutInitialisation_ThrowsAndWritesNothing()
    {
        var error = await Assert.ThrowsAsync<StartupException>(() => OpenAsync(Settings(), allowInitialise: false));

        Assert.Contains("not initialised", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(RootKeyFile));
        Assert.False(File.Exists(CredentialsFile));
        using var database = new SqliteDatabase(DatabaseFile);
        Assert.Null(await new SqliteLifecycle(database).GetRootKeyCheckAsync(Ct));
    }

    [Theory]
    [InlineData("LTAIonlyid", null)]
    [InlineData(null, "only-a-secret")]
    [InlineData("LTAIonlyid", "")]
    public async Task OpenAsync_OnlyOneOfTheBootstrapPair_ThrowsAndInitialisesNothing(string? id, string? secret)
    {
        var error = await Assert.ThrowsAsync<StartupException>(() => OpenAsync(Settings(id: id, secret: secret)));

        Assert.Contains("COFFER_BOOTSTRAP_ACCESS_KEY_ID", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(CredentialsFile));
        using var database = new SqliteDatabase(DatabaseFile);
        Assert.Null(await new SqliteLifecycle(database).GetRootKeyCheckAsync(Ct));
    }

    [Fact]
    public async Task OpenAsync_BootstrapPairOnASecondStart_IsIgnored()
    {
        using (await OpenAsync(Settings()))
        {
        }

        using var second = await OpenAsync(Settings(id: "LTAIlater", secret: "later-secret"));

        Assert.Null(second.Result.NewAccessKeyId);
        using var database = new SqliteDatabase(DatabaseFile);
        Assert.Null(await new SqliteAccessKeyStore(database).FindAsync("LTAIlater", Ct));
    }

    [Fact]
    public async Task OpenAsync_StaleCredentialsFileWithoutDatabase_WritesTheNewPair()
    {
        await File.WriteAllTextAsync(CredentialsFile, "{\"AccessKeyId\":\"LTAIstale\",\"AccessKeySecret\":\"stale\"}", Ct);

        using var result = await OpenAsync(Settings());

        Assert.Equal(result.Result.NewAccessKeySecret, ReadCredentials()["AccessKeySecret"]);
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(CredentialsFile));
    }

    [Fact]
    public async Task OpenAsync_AnotherNodeInitialisesFirstWithTheSameKey_ReusesItsInitialisation()
    {
        using var shared = RootKey.Generate();
        var nodeB = Path.Combine(_folder, "node-b");
        Directory.CreateDirectory(nodeB);
        using var database = new SqliteDatabase(DatabaseFile);
        StartupResult? winner = null;
        var racing = new RacingLifecycle(new SqliteLifecycle(database), async () =>
            winner = await DataFolder.OpenAsync(new StartupSettings(nodeB, shared.ExportBase64(), null, null), new SqliteLifecycle(database), _time, true, Ct));

        var loser = await DataFolder.OpenAsync(Settings(rootKeyBase64: shared.ExportBase64()), racing, _time, allowInitialise: true, Ct);

        using (loser.RootKey)
        using (winner!.RootKey)
        {
            Assert.NotNull(winner.NewAccount);
            Assert.Null(loser.NewAccount);
            Assert.Single(await new SqliteAccountStore(database).ListAsync(Ct));
            Assert.False(File.Exists(CredentialsFile));
            Assert.False(File.Exists(CredentialsFile + ".new"));
        }
    }

    [Fact]
    public async Task OpenAsync_AnotherNodeInitialisesFirstAndThisNodeHasNoKey_RemovesItsGeneratedKeyAndThrowsMissing()
    {
        using var shared = RootKey.Generate();
        var nodeB = Path.Combine(_folder, "node-b");
        Directory.CreateDirectory(nodeB);
        using var database = new SqliteDatabase(DatabaseFile);
        StartupResult? winner = null;
        var racing = new RacingLifecycle(new SqliteLifecycle(database), async () =>
            winner = await DataFolder.OpenAsync(new StartupSettings(nodeB, shared.ExportBase64(), null, null), new SqliteLifecycle(database), _time, true, Ct));

        var error = await Assert.ThrowsAsync<StartupException>(() => DataFolder.OpenAsync(Settings(), racing, _time, allowInitialise: true, Ct));

        winner!.RootKey.Dispose();
        Assert.Contains("root key is missing", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(RootKeyFile));
        Assert.False(File.Exists(CredentialsFile));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private string DatabaseFile => Path.Combine(_folder, "coffer.db");

    private StartupSettings Settings(string? rootKeyBase64 = null, string? id = null, string? secret = null) =>
        new(_folder, rootKeyBase64, id, secret);

    private async Task<Opened> OpenAsync(StartupSettings settings, bool allowInitialise = true)
    {
        using var database = new SqliteDatabase(DatabaseFile);
        var result = await DataFolder.OpenAsync(settings, new SqliteLifecycle(database), _time, allowInitialise, Ct);
        return new Opened(result);
    }

    private Dictionary<string, string> ReadCredentials() =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(CredentialsFile))!;

    /// <summary>Disposes the opened root key.</summary>
    private sealed class Opened(StartupResult result) : IDisposable
    {
        public StartupResult Result { get; } = result;

        public void Dispose() => Result.RootKey.Dispose();
    }

    /// <summary>
    /// The real SQLite lifecycle, except that just before this node's initialisation another node's whole start runs:
    /// the interleaving two nodes starting together on one empty database can produce.
    /// </summary>
    private sealed class RacingLifecycle(IStoreLifecycle inner, Func<Task> otherNode) : IStoreLifecycle
    {
        public Task MigrateAsync(CancellationToken cancellationToken) => inner.MigrateAsync(cancellationToken);

        public Task<byte[]?> GetRootKeyCheckAsync(CancellationToken cancellationToken) => inner.GetRootKeyCheckAsync(cancellationToken);

        public async Task InitialiseAsync(byte[] rootKeyCheck, Account account, AccessKey adminKey, CancellationToken cancellationToken)
        {
            await otherNode();
            await inner.InitialiseAsync(rootKeyCheck, account, adminKey, cancellationToken);
        }
    }
}
