using Coffer.Core.Accounts;
using Coffer.Core.Keys;
using Coffer.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Coffer.Core.Tests.Keys;

/// <summary>Group commit of new keys over the real SQLite key store, in a database file (fsyncs and all).</summary>
public sealed class KeyCreationBatcherTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly AccountId Account = new("1000000000000001");

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "coffer-key-batcher-test-" + Guid.NewGuid().ToString("N"));
    private SqliteDatabase _database = null!;
    private SqliteKeyStore _store = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _database = new SqliteDatabase(Path.Combine(_folder, "coffer.db"));
        await new SqliteLifecycle(_database).MigrateAsync(Ct);
        await new SqliteAccountStore(_database).CreateAsync(new Account(Account, AccountStatus.Opened, T0, Revision: 1), Ct);
        _store = new SqliteKeyStore(_database);
    }

    public ValueTask DisposeAsync()
    {
        _database.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task TryCreateAsync_ManyConcurrentKeys_AllStoredInFewerCommits()
    {
        await using var batcher = new KeyCreationBatcher(_store);

        var keys = Enumerable.Range(0, 300).Select(_ => NewKey()).ToArray();
        var results = await Task.WhenAll(keys.Select(k => batcher.TryCreateAsync(k.Key, k.Version, 1000, Ct)));

        Assert.All(results, Assert.True);
        Assert.InRange(batcher.Commits, 1, 299);
        Assert.Equal(300, await _store.CountAsync(Account, Ct));
        foreach (var (key, version) in keys.Where((_, i) => i % 37 == 0))
        {
            Assert.Equal(key, await _store.FindAsync(Account, key.Id, Ct));
            Assert.NotNull(await _store.GetVersionAsync(key.Id, version.Id, Ct));
        }
    }

    [Fact]
    public async Task TryCreateAsync_ConcurrentKeysOverTheLimit_ExactlyTheLimitIsStored()
    {
        await using var batcher = new KeyCreationBatcher(_store);
        var (existing, existingVersion) = NewKey();
        await _store.CreateAsync(existing, existingVersion, Ct);

        var keys = Enumerable.Range(0, 100).Select(_ => NewKey()).ToArray();
        var results = await Task.WhenAll(keys.Select(k => batcher.TryCreateAsync(k.Key, k.Version, 40, Ct)));

        Assert.Equal(39, results.Count(r => r));
        Assert.Equal(40, await _store.CountAsync(Account, Ct));
        for (var i = 0; i < keys.Length; i++)
        {
            Assert.Equal(results[i], await _store.FindAsync(Account, keys[i].Key.Id, Ct) is not null);
        }
    }

    [Fact]
    public async Task TryCreateAsync_AfterDispose_Throws()
    {
        var batcher = new KeyCreationBatcher(_store);
        await batcher.DisposeAsync();
        var (key, version) = NewKey();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => batcher.TryCreateAsync(key, version, 10, Ct));
    }

    private static (Key Key, KeyVersion Version) NewKey()
    {
        var keyId = KeyId.New();
        var versionId = KeyVersionId.New();
        var key = new Key(
            Account, keyId, KeySpec.AliyunAes256, "ENCRYPT/DECRYPT", "Aliyun_KMS", "SOFTWARE", KeyState.Enabled, "", T0, versionId, T0,
            DeleteDate: null, DeletionProtection: false, Revision: 1);
        return (key, new KeyVersion(keyId, versionId, T0, [1, 2, 3]));
    }
}
