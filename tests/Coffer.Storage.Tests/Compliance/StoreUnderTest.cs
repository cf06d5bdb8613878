using Coffer.Core.Storage;

namespace Coffer.Storage.Tests.Compliance;

/// <summary>
/// One fresh, migrated store seen through every port, as a provider's factory hands it to a compliance suite.
/// Disposing it removes whatever the provider made (files, schemas).
/// </summary>
public sealed class StoreUnderTest(
    IStoreLifecycle lifecycle,
    IAccountStore accounts,
    IAccessKeyStore accessKeys,
    IKeyStore keys,
    INonceStore nonces,
    IAliasStore aliases,
    ITagStore tags,
    ISecretStore secrets,
    IImportWrappingKeyStore importWrappingKeys,
    IUserStore users,
    Func<ValueTask> cleanup) : IAsyncDisposable
{
    /// <summary>Schema and initialisation.</summary>
    public IStoreLifecycle Lifecycle { get; } = lifecycle;

    /// <summary>Accounts.</summary>
    public IAccountStore Accounts { get; } = accounts;

    /// <summary>AccessKeys.</summary>
    public IAccessKeyStore AccessKeys { get; } = accessKeys;

    /// <summary>Keys and versions.</summary>
    public IKeyStore Keys { get; } = keys;

    /// <summary>Used nonces.</summary>
    public INonceStore Nonces { get; } = nonces;

    /// <summary>Aliases.</summary>
    public IAliasStore Aliases { get; } = aliases;

    /// <summary>Tags.</summary>
    public ITagStore Tags { get; } = tags;

    /// <summary>Secrets and their versions.</summary>
    public ISecretStore Secrets { get; } = secrets;

    /// <summary>Import wrapping key pairs.</summary>
    public IImportWrappingKeyStore ImportWrappingKeys { get; } = importWrappingKeys;
    /// <summary>Users and their attached policies.</summary>
    public IUserStore Users { get; } = users;

    /// <inheritdoc />
    public ValueTask DisposeAsync() => cleanup();
}
