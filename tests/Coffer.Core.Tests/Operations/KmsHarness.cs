using Coffer.Core.Access;
using Coffer.Core.Accounts;
using Coffer.Core.Aliases;
using Coffer.Core.Keys;
using Coffer.Core.Operations;
using Coffer.Core.Requests;
using Coffer.Core.Storage;
using Coffer.Crypto.Wrapping;
using Coffer.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Coffer.Core.Tests.Operations;

/// <summary>
/// Core wired as the host wires it, on a fresh shared in-memory SQLite store (no fakes): a root key, a fake clock,
/// and an initialised account with its admin AccessKey.
/// </summary>
public sealed class KmsHarness : IAsyncDisposable
{
    /// <summary>The fake clock's start: deliberately not a whole second.</summary>
    public static readonly DateTimeOffset Start = new(2025, 3, 14, 9, 26, 53, 589, TimeSpan.Zero);

    private readonly ServiceProvider _services;
    private readonly SqliteDatabase _database;
    private int _accounts;

    private KmsHarness(ServiceProvider services, SqliteDatabase database, KmsOptions options, RootKey root, FakeTimeProvider time)
    {
        _services = services;
        _database = database;
        Options = options;
        Root = root;
        Time = time;
    }

    /// <summary>The options Core runs with.</summary>
    public KmsOptions Options { get; }

    /// <summary>The root key.</summary>
    public RootKey Root { get; }

    /// <summary>The clock.</summary>
    public FakeTimeProvider Time { get; }

    /// <summary>The initialised account's caller.</summary>
    public CallContext Caller { get; private set; } = null!;

    /// <summary>The key store.</summary>
    public IKeyStore Keys => Get<IKeyStore>();

    /// <summary>The account store.</summary>
    public IAccountStore Accounts => Get<IAccountStore>();

    /// <summary>
    /// The key store without Core's read cache, on the same database: what another node or process writing the same
    /// store looks like to this one.
    /// </summary>
    public IKeyStore KeysOfAnotherNode => new SqliteKeyStore(_database);

    /// <summary>The AccessKey store without Core's read cache, on the same database (an admin command's view).</summary>
    public IAccessKeyStore AccessKeysOfAnotherProcess => new SqliteAccessKeyStore(_database);

    /// <summary>A cancellation token that ends with the test.</summary>
    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Builds the services, migrates and initialises the store.</summary>
    public static async Task<KmsHarness> CreateAsync(Action<KmsOptions>? configure = null)
    {
        var options = new KmsOptions();
        configure?.Invoke(options);
        var root = RootKey.Generate();
        var time = new FakeTimeProvider(Start);
        var database = new SqliteDatabase(":memory:" + Guid.NewGuid().ToString("N"));
        var services = new ServiceCollection()
            .AddSqliteStore(database)
            .AddCofferCore()
            .AddSingleton(options)
            .AddSingleton(root)
            .AddSingleton<TimeProvider>(time)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        var harness = new KmsHarness(services, database, options, root, time);
        var lifecycle = services.GetRequiredService<IStoreLifecycle>();
        await lifecycle.MigrateAsync(Ct);
        var account = harness.NewAccount(AccountStatus.Opened);
        var (admin, _) = AccessKeyFactory.Create(root, account.Id, time.GetUtcNow());
        await lifecycle.InitialiseAsync(root.CreateCheckRecord(), account, admin, Ct);
        harness.Caller = new CallContext(account.Id, admin.Id, "request-1");
        return harness;
    }

    /// <summary>A registered service.</summary>
    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    /// <summary>Adds another account in <paramref name="status"/>, with an AccessKey, and returns its caller.</summary>
    public async Task<CallContext> AddAccountAsync(AccountStatus status = AccountStatus.Opened)
    {
        var account = NewAccount(status);
        await Accounts.CreateAsync(account, Ct);
        var (accessKey, _) = AccessKeyFactory.Create(Root, account.Id, Time.GetUtcNow());
        await Get<IAccessKeyStore>().CreateAsync(accessKey, Ct);
        return new CallContext(account.Id, accessKey.Id, "request-2");
    }

    /// <summary>Creates a key through CreateKey.</summary>
    public Task<Key> CreateKeyAsync(string? spec = null, CallContext? caller = null) =>
        Get<CreateKey>().HandleAsync(caller ?? Caller, new CreateKeyRequest(null, spec, null, null, null), Ct);

    /// <summary>
    /// Stores a key straight through the store, in any state, with material the test knows, so blobs can be sealed
    /// by hand for states CreateKey cannot reach yet.
    /// </summary>
    public async Task<Key> AddKeyAsync(KeyState state, KeySpec spec, byte[] material, CallContext? caller = null)
    {
        var owner = (caller ?? Caller).Account;
        var now = Time.GetUtcNow();
        var keyId = KeyId.New();
        var versionId = KeyVersionId.New();
        var key = new Key(
            owner, keyId, spec, CreateKey.EncryptDecrypt, CreateKey.OriginKms, CreateKey.Software, state, "", now, versionId, now,
            DeleteDate: state == KeyState.PendingDeletion ? now.AddDays(7) : null, DeletionProtection: false, Revision: 1);
        await Keys.CreateAsync(key, new KeyVersion(keyId, versionId, now, KeyMaterial.Wrap(Root, material, owner, keyId, versionId, spec)), Ct);
        return key;
    }

    /// <summary>Points the alias <paramref name="name"/> of the key's account at <paramref name="key"/>, through the store.</summary>
    public async Task AddAliasAsync(Key key, string name)
    {
        var alias = new KeyAlias(key.Account, AliasName.Parse(name), key.Id, Time.GetUtcNow());
        Assert.True(await Get<IAliasStore>().TryCreateAsync(alias, Ct));
    }

    /// <summary>The unwrapped material of <paramref name="key"/>'s primary version.</summary>
    public async Task<byte[]> PrimaryMaterialAsync(Key key)
    {
        var version = await Keys.GetVersionAsync(key.Id, key.PrimaryVersion, Ct);
        Assert.NotNull(version);
        var material = Root.TryUnwrap(version.WrappedMaterial, KeyMaterial.Label(key.Account, key.Id, version.Id, key.Spec));
        Assert.NotNull(material);
        return material;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        _database.Dispose();
        Root.Dispose();
    }

    private Account NewAccount(AccountStatus status) =>
        new(new AccountId($"1{Interlocked.Increment(ref _accounts):D15}"), status, Time.GetUtcNow(), Revision: 1);
}
