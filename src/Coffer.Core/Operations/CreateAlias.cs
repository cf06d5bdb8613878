using Coffer.Core.Accounts;
using Coffer.Core.Aliases;
using Coffer.Core.Errors;
using Coffer.Core.Keys;
using Coffer.Core.Requests;
using Coffer.Core.Storage;

namespace Coffer.Core.Operations;

/// <summary>CreateAlias parameters: the new name and the target key (key ID or key ARN).</summary>
public sealed record CreateAliasRequest(string AliasName, string KeyId);

/// <summary>CreateAlias: binds a new name of the account to a key.</summary>
public sealed class CreateAlias(KeyResolver resolver, IAliasStore aliases, KmsOptions options, TimeProvider time, AccountLimits limits)
{
    /// <summary>Runs the action.</summary>
    /// <exception cref="KmsException">
    /// InvalidParameter AliasName; Unsupported.Alias for an alias as KeyId; Forbidden.KeyNotFound;
    /// Rejected.StateModifiedFailed for a PendingDeletion key; AliasAlreadyExists; Rejected.LimitExceeded.
    /// </exception>
    public async Task<KeyAlias> HandleAsync(CallContext caller, CreateAliasRequest request, CancellationToken cancellationToken)
    {
        var name = AliasName.Parse(request.AliasName);
        var key = await resolver.ResolveKeyIdAsync(caller, request.KeyId, cancellationToken);
        KeyTransitions.Ensure(KeyAction.CreateAlias, key.State);
        if (await aliases.FindAsync(caller.Account, name, cancellationToken) is not null)
        {
            throw new KmsException(KmsErrorCode.AliasAlreadyExists);
        }

        // The count and the insert are not one transaction: two racing calls at the limit may both pass, which
        // overshoots a generous quota by at most the number of racers.
        if (await aliases.CountAsync(caller.Account, cancellationToken) >= (await limits.GetAsync(caller.Account, cancellationToken)).AliasesOr(options))
        {
            throw new KmsException(KmsErrorCode.LimitExceeded);
        }

        var now = time.GetUtcNow();
        var alias = new KeyAlias(caller.Account, name, key.Id, now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond)));
        return await aliases.TryCreateAsync(alias, cancellationToken) ? alias : throw new KmsException(KmsErrorCode.AliasAlreadyExists);
    }
}
