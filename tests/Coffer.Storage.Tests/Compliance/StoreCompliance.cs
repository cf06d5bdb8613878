namespace Coffer.Storage.Tests.Compliance;

/// <summary>
/// Base of every compliance suite: each test gets a fresh store from the provider's factory and disposes it after.
/// </summary>
public abstract class StoreCompliance : IAsyncLifetime
{
    private StoreUnderTest? _store;

    /// <summary>The store of the running test.</summary>
    protected StoreUnderTest Store => _store ?? throw new InvalidOperationException("The store is made in InitializeAsync.");

    /// <summary>A cancellation token that ends with the test.</summary>
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Makes a fresh, empty store with its schema migrated and nothing initialised.</summary>
    protected abstract Task<StoreUnderTest> CreateMigratedStoreAsync();

    /// <inheritdoc />
    public virtual async ValueTask InitializeAsync() => _store = await CreateMigratedStoreAsync();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
