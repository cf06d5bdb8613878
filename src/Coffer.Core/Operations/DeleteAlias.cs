using Coffer.Core.Aliases;
using Coffer.Core.Errors;
using Coffer.Core.Requests;
using Coffer.Core.Storage;

namespace Coffer.Core.Operations;

/// <summary>DeleteAlias: removes an alias, whatever the state of its key.</summary>
public sealed class DeleteAlias(IAliasStore aliases)
{
    /// <summary>Runs the action.</summary>
    /// <exception cref="KmsException">InvalidParameter AliasName; Forbidden.AliasNotFound.</exception>
    public async Task HandleAsync(CallContext caller, string aliasName, CancellationToken cancellationToken)
    {
        var name = AliasName.Parse(aliasName);
        if (!await aliases.TryDeleteAsync(caller.Account, name, cancellationToken))
        {
            throw new KmsException(KmsErrorCode.AliasNotFound);
        }
    }
}
