using Coffer.Core.Errors;
using Coffer.Core.Keys;
using Coffer.Core.Requests;
using Coffer.Core.Storage;

namespace Coffer.Core.Operations;

/// <summary>ListKeys parameters; null means the default.</summary>
public sealed record ListKeysRequest(int? PageNumber, int? PageSize);

/// <summary>One page of keys.</summary>
public sealed record ListKeysResult(IReadOnlyList<Key> Keys, int PageNumber, int PageSize, int TotalCount);

/// <summary>ListKeys: the caller's keys, PendingDeletion included, ordered by creation time then ID.</summary>
public sealed class ListKeys(IKeyStore keys)
{
    /// <summary>Runs the action.</summary>
    /// <exception cref="KmsException">InvalidParameter for a page number below 1 or a size outside 1–100.</exception>
    public async Task<ListKeysResult> HandleAsync(CallContext caller, ListKeysRequest request, CancellationToken cancellationToken)
    {
        var (number, size) = Paging.Validate(request.PageNumber, request.PageSize, defaultSize: 10);
        var (items, total) = await keys.ListAsync(caller.Account, (int)Math.Min(int.MaxValue, ((long)number - 1) * size), size, cancellationToken);
        return new ListKeysResult(items, number, size, total);
    }
}
