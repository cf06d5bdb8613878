using Coffer.Core.Errors;
using Coffer.Core.Keys;
using Coffer.Core.Requests;
using Coffer.Core.Storage;

namespace Coffer.Core.Operations;

/// <summary>ListKeyVersions parameters; null paging values mean the defaults.</summary>
public sealed record ListKeyVersionsRequest(string KeyId, int? PageNumber, int? PageSize);

/// <summary>One page of a key's versions.</summary>
public sealed record ListKeyVersionsResult(Key Key, IReadOnlyList<KeyVersion> Versions, int PageNumber, int PageSize, int TotalCount);

/// <summary>ListKeyVersions: a key's versions, oldest first, in any key state.</summary>
public sealed class ListKeyVersions(KeyResolver resolver, IKeyStore keys)
{
    /// <summary>Runs the action (any key form).</summary>
    /// <exception cref="KmsException">InvalidParameter PageNumber/PageSize; Forbidden.KeyNotFound / Forbidden.AliasNotFound.</exception>
    public async Task<ListKeyVersionsResult> HandleAsync(CallContext caller, ListKeyVersionsRequest request, CancellationToken cancellationToken)
    {
        var (number, size) = Paging.Validate(request.PageNumber, request.PageSize, defaultSize: 10);
        var key = await resolver.ResolveAsync(caller, request.KeyId, cancellationToken);
        KeyTransitions.Ensure(KeyAction.Read, key.State);
        var (items, total) = await keys.ListVersionsAsync(key.Id, (int)Math.Min(int.MaxValue, ((long)number - 1) * size), size, cancellationToken);
        return new ListKeyVersionsResult(key, items, number, size, total);
    }
}
