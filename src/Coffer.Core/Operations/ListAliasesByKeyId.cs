using Coffer.Core.Errors;
using Coffer.Core.Keys;
using Coffer.Core.Requests;
using Coffer.Core.Storage;

namespace Coffer.Core.Operations;

/// <summary>ListAliasesByKeyId parameters: the key (key ID or key ARN) and paging; null means the default.</summary>
public sealed record ListAliasesByKeyIdRequest(string KeyId, int? PageNumber, int? PageSize);

/// <summary>ListAliasesByKeyId: the aliases of one key in any state, ordered by creation time then name.</summary>
public sealed class ListAliasesByKeyId(KeyResolver resolver, IAliasStore aliases)
{
    /// <summary>Runs the action.</summary>
    /// <exception cref="KmsException">InvalidParameter PageNumber/PageSize; Unsupported.Alias; Forbidden.KeyNotFound.</exception>
    public async Task<ListAliasesResult> HandleAsync(CallContext caller, ListAliasesByKeyIdRequest request, CancellationToken cancellationToken)
    {
        var (number, size) = Paging.Validate(request.PageNumber, request.PageSize, defaultSize: 10);
        var key = await resolver.ResolveKeyIdAsync(caller, request.KeyId, cancellationToken);
        var (items, total) = await aliases.ListAsync(caller.Account, key.Id, ListAliases.Offset(number, size), size, cancellationToken);
        return new ListAliasesResult(items, number, size, total);
    }
}
