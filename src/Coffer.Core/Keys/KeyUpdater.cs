using Coffer.Core.Errors;
using Coffer.Core.Requests;
using Coffer.Core.Storage;

namespace Coffer.Core.Keys;

/// <summary>
/// Changes a key by compare-and-swap: load, check the state table, apply, write if the revision did not move;
/// retried a bounded number of times, then Rejected.StateModifiedFailed (a key-state conflict).
/// </summary>
public sealed class KeyUpdater(IKeyStore keys, KeyResolver resolver)
{
    private const int MaxAttempts = 5;

    /// <summary>
    /// Resolves <paramref name="reference"/> (key ID or ARN only), checks <paramref name="action"/> against the key's
    /// state, and writes <paramref name="change"/>'s result. A change that returns the same key writes nothing.
    /// </summary>
    /// <exception cref="KmsException">Unsupported.Alias, Forbidden.KeyNotFound, the state table's 409, or StateModifiedFailed.</exception>
    public async Task<Key> UpdateAsync(
        CallContext caller, string reference, KeyAction action, Func<Key, Key> change, CancellationToken cancellationToken)
    {
        var key = await resolver.ResolveKeyIdAsync(caller, reference, cancellationToken);
        return await UpdateAsync(caller, key, action, change, cancellationToken);
    }

    /// <summary>
    /// As <see cref="UpdateAsync(CallContext, string, KeyAction, Func{Key, Key}, CancellationToken)"/> for a key already
    /// resolved (by the caller, in whatever forms its action accepts).
    /// </summary>
    /// <exception cref="KmsException">Forbidden.KeyNotFound, the state table's 409, or StateModifiedFailed.</exception>
    public Task<Key> UpdateAsync(
        CallContext caller, Key key, KeyAction action, Func<Key, Key> change, CancellationToken cancellationToken) =>
        UpdateAsync(caller, key, action, (k, _) => Task.FromResult(change(k)), cancellationToken);

    /// <summary>
    /// As <see cref="UpdateAsync(CallContext, string, KeyAction, Func{Key, Key}, CancellationToken)"/> with a change that
    /// reads more of the store (run again on every attempt, after the state check, against the key as just read).
    /// </summary>
    /// <exception cref="KmsException">Unsupported.Alias, Forbidden.KeyNotFound, the state table's 409, or StateModifiedFailed.</exception>
    public async Task<Key> UpdateAsync(
        CallContext caller, string reference, KeyAction action, Func<Key, CancellationToken, Task<Key>> change, CancellationToken cancellationToken)
    {
        var key = await resolver.ResolveKeyIdAsync(caller, reference, cancellationToken);
        return await UpdateAsync(caller, key, action, change, cancellationToken);
    }

    private async Task<Key> UpdateAsync(
        CallContext caller, Key key, KeyAction action, Func<Key, CancellationToken, Task<Key>> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            KeyTransitions.Ensure(action, key.State);
            var changed = await change(key, cancellationToken);
            if (changed == key)
            {
                return key;
            }

            if (await keys.TryUpdateAsync(changed, key.Revision, cancellationToken))
            {
                return changed with { Revision = key.Revision + 1 };
            }

            key = await keys.FindAsync(caller.Account, key.Id, cancellationToken) ?? throw new KmsException(KmsErrorCode.KeyNotFound);
        }

        throw new KmsException(KmsErrorCode.StateModifiedFailed);
    }
}
