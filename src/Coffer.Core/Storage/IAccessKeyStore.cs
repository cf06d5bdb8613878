using Coffer.Core.Access;
using Coffer.Core.Accounts;

namespace Coffer.Core.Storage;

/// <summary>AccessKey pairs (secrets wrapped).</summary>
public interface IAccessKeyStore
{
    /// <summary>Stores a new AccessKey.</summary>
    Task CreateAsync(AccessKey accessKey, CancellationToken cancellationToken);

    /// <summary>The AccessKey <paramref name="id"/>, or null.</summary>
    Task<AccessKey?> FindAsync(string id, CancellationToken cancellationToken);

    /// <summary>All AccessKeys, ordered by creation time then ID.</summary>
    Task<IReadOnlyList<AccessKey>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Number of AccessKeys of <paramref name="account"/>.</summary>
    Task<int> CountAsync(AccountId account, CancellationToken cancellationToken);

    /// <summary>Compare-and-swap of the enabled flag; false when the revision moved.</summary>
    Task<bool> TrySetEnabledAsync(string id, bool enabled, long expectedRevision, CancellationToken cancellationToken);
}
