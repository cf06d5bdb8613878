using Coffer.Core.Accounts;
using Coffer.Core.Keys;
using Coffer.Core.Storage;
using Coffer.Storage.Sqlite;
using static Coffer.Storage.Tests.Compliance.StoreTestData;

namespace Coffer.Storage.Tests.Sqlite;

/// <summary>
/// The change counter the read caches trust past their bound: it moves with every update or delete of a cached record
/// (keys, key versions, AccessKeys, accounts), also one made through another SqliteDatabase on the same file (another
/// process), and not with inserts or nonces, which the data plane writes all the time.
/// </summary>
public sealed class SqliteChangeCounterTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "coffer-change-counter-test-" + Guid.NewGuid().ToString("N"));
    private SqliteDatabase _database = null!;
    private SqliteDatabase _otherProcess = null!;
    private SqliteChangeCounter _counter = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        var file = Path.Combine(_folder, "coffer.db");
        _database = new SqliteDatabase(file);
        await new SqliteLifecycle(_database).MigrateAsync(Ct);
        _otherProcess = new SqliteDatabase(file);
        _counter = new SqliteChangeCounter(_database);
    }

    public ValueTask DisposeAsync()
    {
        _database.Dispose();
        _otherProcess.Dispose();
        SqliteTestStore.DeleteFolder(_folder);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Inserts_AndNonces_LeaveTheCounterAlone()
    {
        var before = await _counter.ReadAsync(Ct);

        await new SqliteAccountStore(_database).CreateAsync(Account(1), Ct);
        await new SqliteAccessKeyStore(_database).CreateAsync(AccessKey(AccountId(1), "LTAIcounter"), Ct);
        var (key, version) = Key(AccountId(1), 1);
        await new SqliteKeyStore(_database).CreateAsync(key, version, Ct);
        await new SqliteNonceStore(_database).TryRecordBatchAsync([new NonceRecord("LTAIcounter", "n-1", T0.AddMinutes(31))], Ct);

        Assert.Equal(before, await _counter.ReadAsync(Ct));
    }

    [Fact]
    public async Task EveryUpdateOrDeleteOfACachedRecord_MovesTheCounter_WhicheverProcessMakesIt()
    {
        var accounts = new SqliteAccountStore(_database);
        var accessKeys = new SqliteAccessKeyStore(_database);
        var keys = new SqliteKeyStore(_database);
        var keysOfOtherProcess = new SqliteKeyStore(_otherProcess);
        await accounts.CreateAsync(Account(1), Ct);
        await accessKeys.CreateAsync(AccessKey(AccountId(1), "LTAIcounter"), Ct);
        var (key, version) = Key(AccountId(1), 1);
        await keys.CreateAsync(key, version, Ct);

        await AssertMovesAsync(() => keys.TryUpdateAsync(key with { State = KeyState.Disabled, Revision = 2 }, 1, Ct));
        await AssertMovesAsync(() => keysOfOtherProcess.TryUpdateAsync(key with { Description = "elsewhere", Revision = 3 }, 2, Ct));
        await AssertMovesAsync(() => accessKeys.TrySetEnabledAsync("LTAIcounter", false, 1, Ct));
        await AssertMovesAsync(() => new SqliteAccessKeyStore(_otherProcess).TrySetEnabledAsync("LTAIcounter", true, 2, Ct));
        await AssertMovesAsync(() => accounts.TrySetStatusAsync(AccountId(1), AccountStatus.Opened, 1, Ct));
        await AssertMovesAsync(() => keysOfOtherProcess.TryDeleteAsync(key with { Revision = 3 }, 3, Ct));
    }

    [Fact]
    public async Task ACompareAndSwapThatLoses_LeavesTheCounterAlone()
    {
        var keys = new SqliteKeyStore(_database);
        await new SqliteAccountStore(_database).CreateAsync(Account(1), Ct);
        var (key, version) = Key(AccountId(1), 1);
        await keys.CreateAsync(key, version, Ct);
        var before = await _counter.ReadAsync(Ct);

        Assert.False(await keys.TryUpdateAsync(key with { State = KeyState.Disabled }, expectedRevision: 7, Ct));

        Assert.Equal(before, await _counter.ReadAsync(Ct));
    }

    private async Task AssertMovesAsync(Func<Task<bool>> write)
    {
        var before = await _counter.ReadAsync(Ct);

        Assert.True(await write());

        Assert.True(await _counter.ReadAsync(Ct) > before);
    }
}
