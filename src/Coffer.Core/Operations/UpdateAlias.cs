using Coffer.Core.Aliases;
using Coffer.Core.Errors;
using Coffer.Core.Keys;
using Coffer.Core.Requests;
using Coffer.Core.Storage;

namespace Coffer.Core.Operations;

/// <summary>UpdateAlias parameters: an existing name and its new target key (key ID or key ARN).</summary>
public sealed record UpdateAliasRequest(string AliasName, string KeyId);

/// <summary>UpdateAlias: points an existing alias at another key. Only the new target's state matters.</summary>
public sealed class UpdateAlias(KeyResolver resolver, IAliasStore aliases)
{
    /// <summary>Runs the action.</summary>
    /// <exception cref="KmsException">
    /// InvalidParameter AliasName; Unsupported.Alias for an alias as KeyId; Forbidden.KeyNotFound; Forbidden.AliasNotFound;
    /// Rejected.PendingDeletion for a PendingDeletion target.
    /// </exception>
    public async Task<KeyAlias> HandleAsync(CallContext caller, UpdateAliasRequest request, CancellationToken cancellationToken)
    {
        var name = AliasName.Parse(request.AliasName);
        var key = await resolver.ResolveKeyIdAsync(caller, request.KeyId, cancellationToken);
        var alias = await aliases.FindAsync(caller.Account, name, cancellationToken) ?? throw new KmsException(KmsErrorCode.AliasNotFound);
        KeyTransitions.Ensure(KeyAction.UpdateAlias, key.State);
        return await aliases.TryRetargetAsync(caller.Account, name, key.Id, cancellationToken)
            ? alias with { KeyId = key.Id }
            : throw new KmsException(KmsErrorCode.AliasNotFound);
    }
}
