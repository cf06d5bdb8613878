using Coffer.Core.Access;
using Coffer.Core.Accounts;
using Coffer.Core.Aliases;
using Coffer.Core.Background;
using Coffer.Core.Errors;
using Coffer.Core.Keys;
using Coffer.Core.Operations;
using Coffer.Core.Requests;
using Coffer.Core.Storage;
using Coffer.Core.Tests.Operations;
using Coffer.Crypto.Wrapping;
using Coffer.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Coffer.Core.Tests.Operations.KmsHarness;

namespace Coffer.Core.Tests.Background;

public sealed class KeySchedulerTests
{
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task RunOnce_DeletionWindowNotYetOver_KeepsTheKey()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();
        await ScheduleAsync(kms, key, days: 7);
        kms.Time.Advance(TimeSpan.FromDays(7) - OneSecond);

        var pass = await kms.Get<KeyScheduler>().RunOnceAsync(Ct);

        Assert.Equal(0, pass.Deleted);
        Assert.Equal(KeyState.PendingDeletion, (await kms.Keys.FindAsync(kms.Caller.Account, key.Id, Ct))?.State);
    }

    [Fact]
    public async Task RunOnce_SevenDaysAfterScheduling_DeletesTheKeyWithItsVersionsAndAliases()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();
        var second = await kms.Get<CreateKeyVersion>().HandleAsync(kms.Caller, key.Id.Value, Ct);
        var alias = AliasName.Parse("alias/doomed");
        Assert.True(await kms.Get<IAliasStore>().TryCreateAsync(new KeyAlias(kms.Caller.Account, alias, key.Id, kms.Time.GetUtcNow()), Ct));
        var bystander = await kms.CreateKeyAsync();
        await ScheduleAsync(kms, key, days: 7);
        kms.Time.Advance(TimeSpan.FromDays(7));

        var pass = await kms.Get<KeyScheduler>().RunOnceAsync(Ct);

        Assert.Equal(1, pass.Deleted);
        Assert.Null(await kms.Keys.FindAsync(kms.Caller.Account, key.Id, Ct));
        Assert.Equal(0, (await kms.Keys.ListVersionsAsync(key.Id, 0, 100, Ct)).TotalCount);
        Assert.Null(await kms.Keys.GetVersionAsync(key.Id, second.Version.Id, Ct));
        Assert.Null(await kms.Get<IAliasStore>().FindAsync(kms.Caller.Account, alias, Ct));
        Assert.NotNull(await kms.Keys.FindAsync(kms.Caller.Account, bystander.Id, Ct));
        Assert.Equal(0, (await kms.Get<KeyScheduler>().RunOnceAsync(Ct)).Deleted);
    }

    [Fact]
    public async Task RunOnce_DeletedKey_ItsCiphertextsAnswerKeyNotFound()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();
        var blob = await EncryptAsync(kms, key, "gone soon");
        Assert.Equal("gone soon", await DecryptAsync(kms, blob));
        await ScheduleAsync(kms, key, days: 7);
        kms.Time.Advance(TimeSpan.FromDays(7));

        await kms.Get<KeyScheduler>().RunOnceAsync(Ct);

        var error = await Assert.ThrowsAsync<KmsException>(() => DecryptAsync(kms, blob));
        Assert.Equal(KmsErrorCode.KeyNotFound, error.Code);
        var describe = await Assert.ThrowsAsync<KmsException>(() => kms.Get<DescribeKey>().HandleAsync(kms.Caller, key.Id.Value, Ct));
        Assert.Equal(KmsErrorCode.KeyNotFound, describe.Code);
    }

    [Fact]
    public async Task RunOnce_CancelledDeletion_KeepsTheKey()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();
        await ScheduleAsync(kms, key, days: 7);
        await kms.Get<CancelKeyDeletion>().HandleAsync(kms.Caller, key.Id.Value, Ct);
        kms.Time.Advance(TimeSpan.FromDays(8));

        var pass = await kms.Get<KeyScheduler>().RunOnceAsync(Ct);

        Assert.Equal(0, pass.Deleted);
        Assert.Equal(KeyState.Enabled, (await kms.Keys.FindAsync(kms.Caller.Account, key.Id, Ct))?.State);
    }

    [Fact]
    public async Task RunOnce_RotationIntervalNotYetOver_AddsNoVersion()
    {
        await using var kms = await CreateAsync();
        var key = await EnableRotationAsync(kms, await kms.CreateKeyAsync(), "7d");
        kms.Time.Advance(TimeSpan.FromDays(7) - OneSecond);

        var pass = await kms.Get<KeyScheduler>().RunOnceAsync(Ct);

        Assert.Equal(0, pass.Rotated);
        Assert.Equal(1, (await kms.Keys.ListVersionsAsync(key.Id, 0, 100, Ct)).TotalCount);
    }

    [Fact]
    public async Task RunOnce_RotationIntervalOver_AddsExactlyOneVersionAndOldCiphertextsStillDecrypt()
    {
        await using var kms = await CreateAsync();
        var key = await EnableRotationAsync(kms, await kms.CreateKeyAsync(), "7d");
        var oldBlob = await EncryptAsync(kms, key, "before rotation");
        kms.Time.Advance(TimeSpan.FromDays(7));

        var pass = await kms.Get<KeyScheduler>().RunOnceAsync(Ct);
        var again = await kms.Get<KeyScheduler>().RunOnceAsync(Ct);

        Assert.Equal(1, pass.Rotated);
        Assert.Equal(0, again.Rotated);
        var rotated = (await kms.Keys.FindAsync(kms.Caller.Account, key.Id, Ct))!;
        var (versions, total) = await kms.Keys.ListVersionsAsync(key.Id, 0, 100, Ct);
        Assert.Equal(2, total);
        Assert.Equal(key.PrimaryVersion, versions[0].Id);
        Assert.Equal(versions[1].Id, rotated.PrimaryVersion);
        var now = KeyRotation.WholeSeconds(kms.Time.GetUtcNow());
        Assert.Equal(now, rotated.LastRotationDate);
        Assert.Equal(now + TimeSpan.FromDays(7), rotated.NextRotationDate);
        Assert.Equal("before rotation", await DecryptAsync(kms, oldBlob));
        var newBlob = await kms.Get<Encrypt>().HandleAsync(kms.Caller, new EncryptRequest(key.Id.Value, "after", EncryptionContext.None, false), Ct);
        Assert.Equal(rotated.PrimaryVersion, newBlob.KeyVersionId);
    }

    [Fact]
    public async Task RunOnce_DisabledKeyWithRotation_IsNotRotatedUntilEnabledAgain()
    {
        await using var kms = await CreateAsync();
        var key = await EnableRotationAsync(kms, await kms.CreateKeyAsync(), "7d");
        var disabled = await kms.Get<DisableKey>().HandleAsync(kms.Caller, key.Id.Value, Ct);
        kms.Time.Advance(TimeSpan.FromDays(10));

        var whileDisabled = await kms.Get<KeyScheduler>().RunOnceAsync(Ct);
        var enabled = await kms.Get<EnableKey>().HandleAsync(kms.Caller, key.Id.Value, Ct);
        var afterEnabling = await kms.Get<KeyScheduler>().RunOnceAsync(Ct);

        Assert.Equal(AutomaticRotation.Suspended, disabled.AutomaticRotation);
        Assert.Equal(0, whileDisabled.Rotated);
        Assert.Equal(AutomaticRotation.Enabled, enabled.AutomaticRotation);
        Assert.Equal(1, afterEnabling.Rotated);
    }

    [Fact]
    public async Task RunOnce_RotationEnabledLongAfterTheLastRotation_RotatesOnTheNextPass()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();
        kms.Time.Advance(TimeSpan.FromDays(40));
        var enabled = await EnableRotationAsync(kms, key, "30d");

        var pass = await kms.Get<KeyScheduler>().RunOnceAsync(Ct);

        Assert.Equal(key.LastRotationDate + TimeSpan.FromDays(30), enabled.NextRotationDate);
        Assert.Equal(1, pass.Rotated);
        var rotated = (await kms.Keys.FindAsync(kms.Caller.Account, key.Id, Ct))!;
        Assert.Equal(KeyRotation.WholeSeconds(kms.Time.GetUtcNow()) + TimeSpan.FromDays(30), rotated.NextRotationDate);
    }

    [Fact]
    public async Task RunOnce_NoncesPastTheirExpiry_AreRemovedAndLiveOnesKept()
    {
        await using var kms = await CreateAsync();
        var nonces = kms.Get<INonceStore>();
        var now = kms.Time.GetUtcNow();
        Assert.True(await nonces.TryRecordAsync("LTAIa", "old", now.AddMinutes(-1), Ct));
        Assert.True(await nonces.TryRecordAsync("LTAIa", "live", now.AddMinutes(31), Ct));

        var pass = await kms.Get<KeyScheduler>().RunOnceAsync(Ct);

        Assert.Equal(1, pass.PurgedNonces);
        Assert.False(await nonces.TryRecordAsync("LTAIa", "live", now.AddMinutes(31), Ct));
        Assert.True(await nonces.TryRecordAsync("LTAIa", "old", now.AddMinutes(31), Ct));
    }

    [Fact]
    public async Task RunOnce_TwoSchedulersOnOneDatabaseFile_DeleteEachDueKeyOnce()
    {
        await using var pair = await SchedulerPair.CreateAsync();
        var keys = new List<Key>();
        for (var i = 0; i < 3; i++)
        {
            var key = await pair.First.GetRequiredService<CreateKey>().HandleAsync(pair.Caller, new CreateKeyRequest(null, null, null, null, null), Ct);
            await pair.First.GetRequiredService<ScheduleKeyDeletion>().HandleAsync(pair.Caller, new ScheduleKeyDeletionRequest(key.Id.Value, 7), Ct);
            keys.Add(key);
        }

        pair.Time.Advance(TimeSpan.FromDays(7));

        var passes = await Task.WhenAll(
            Task.Run(() => pair.First.GetRequiredService<KeyScheduler>().RunOnceAsync(Ct), Ct),
            Task.Run(() => pair.Second.GetRequiredService<KeyScheduler>().RunOnceAsync(Ct), Ct));

        Assert.Equal(keys.Count, passes.Sum(p => p.Deleted));
        foreach (var key in keys)
        {
            Assert.Null(await pair.First.GetRequiredService<IKeyStore>().FindAsync(pair.Caller.Account, key.Id, Ct));
        }
    }

    [Fact]
    public async Task RunOnce_TwoSchedulersOnOneDatabaseFile_RotateEachDueKeyOnce()
    {
        await using var pair = await SchedulerPair.CreateAsync();
        var keys = new List<Key>();
        for (var i = 0; i < 3; i++)
        {
            var key = await pair.First.GetRequiredService<CreateKey>().HandleAsync(
                pair.Caller, new CreateKeyRequest(null, null, null, null, null, EnableAutomaticRotation: true, RotationInterval: "7d"), Ct);
            keys.Add(key);
        }

        pair.Time.Advance(TimeSpan.FromDays(7));

        var passes = await Task.WhenAll(
            Task.Run(() => pair.First.GetRequiredService<KeyScheduler>().RunOnceAsync(Ct), Ct),
            Task.Run(() => pair.Second.GetRequiredService<KeyScheduler>().RunOnceAsync(Ct), Ct));

        Assert.Equal(keys.Count, passes.Sum(p => p.Rotated));
        foreach (var key in keys)
        {
            Assert.Equal(2, (await pair.Second.GetRequiredService<IKeyStore>().ListVersionsAsync(key.Id, 0, 100, Ct)).TotalCount);
        }
    }

    private static Task<Key> ScheduleAsync(KmsHarness kms, Key key, int days) =>
        kms.Get<ScheduleKeyDeletion>().HandleAsync(kms.Caller, new ScheduleKeyDeletionRequest(key.Id.Value, days), Ct);

    private static Task<Key> EnableRotationAsync(KmsHarness kms, Key key, string interval) =>
        kms.Get<UpdateRotationPolicy>().HandleAsync(kms.Caller, new UpdateRotationPolicyRequest(key.Id.Value, true, interval), Ct);

    private static async Task<string> EncryptAsync(KmsHarness kms, Key key, string plaintext) =>
        Convert.ToBase64String((await kms.Get<Encrypt>().HandleAsync(
            kms.Caller, new EncryptRequest(key.Id.Value, plaintext, EncryptionContext.None, false), Ct)).CiphertextBlob);

    private static async Task<string> DecryptAsync(KmsHarness kms, string blob) =>
        (await kms.Get<Decrypt>().HandleAsync(kms.Caller, new DecryptRequest(blob, EncryptionContext.None, false), Ct)).Plaintext;

    /// <summary>Two processes' worth of Core (two service providers) on one SQLite database file, sharing a clock.</summary>
    private sealed class SchedulerPair : IAsyncDisposable
    {
        private readonly string _folder;
        private readonly SqliteDatabase[] _databases;
        private readonly RootKey _root;

        private SchedulerPair(string folder, SqliteDatabase[] databases, RootKey root, FakeTimeProvider time, ServiceProvider first, ServiceProvider second)
        {
            _folder = folder;
            _databases = databases;
            _root = root;
            Time = time;
            First = first;
            Second = second;
        }

        public FakeTimeProvider Time { get; }

        public ServiceProvider First { get; }

        public ServiceProvider Second { get; }

        public CallContext Caller { get; private set; } = null!;

        public static async Task<SchedulerPair> CreateAsync()
        {
            var folder = Path.Combine(Path.GetTempPath(), "coffer-scheduler-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            var path = Path.Combine(folder, "coffer.db");
            var root = RootKey.Generate();
            var time = new FakeTimeProvider(Start);
            var options = new KmsOptions();
            SqliteDatabase[] databases = [new(path), new(path)];
            var providers = databases
                .Select(d => new ServiceCollection()
                    .AddSqliteStore(d)
                    .AddCofferCore()
                    .AddSingleton(options)
                    .AddSingleton(root)
                    .AddSingleton<TimeProvider>(time)
                    .BuildServiceProvider())
                .ToArray();
            var pair = new SchedulerPair(folder, databases, root, time, providers[0], providers[1]);
            var lifecycle = pair.First.GetRequiredService<IStoreLifecycle>();
            await lifecycle.MigrateAsync(Ct);
            var account = new Account(new AccountId("1000000000000001"), AccountStatus.Opened, time.GetUtcNow(), Revision: 1);
            var (admin, _) = AccessKeyFactory.Create(root, account.Id, time.GetUtcNow());
            await lifecycle.InitialiseAsync(root.CreateCheckRecord(), account, admin, Ct);
            pair.Caller = new CallContext(account.Id, admin.Id, "request-1");
            return pair;
        }

        public async ValueTask DisposeAsync()
        {
            await First.DisposeAsync();
            await Second.DisposeAsync();
            foreach (var database in _databases)
            {
                database.Dispose();
            }

            _root.Dispose();
            SqliteConnection.ClearAllPools();
            Directory.Delete(_folder, recursive: true);
        }
    }
}
