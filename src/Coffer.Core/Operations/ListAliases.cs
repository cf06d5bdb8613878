using Coffer.Core.Aliases;
using Coffer.Core.Errors;
using Coffer.Core.Requests;
using Coffer.Core.Storage;

namespace Coffer.Core.Operations;

/// <summary>ListAliases parameters; null means the default.</summary>
public sealed record ListAliasesRequest(int? PageNumber, int? PageSize);

/// <summary>One page of aliases (ListAliases and ListAliasesByKeyId).</summary>
public sealed record ListAliasesResult(IReadOnlyList<KeyAlias> Aliases, int PageNumber, int PageSize, int TotalCount);

/// <summary>ListAliases: the account's aliases, ordered by creation time then name.</summary>
public sealed class ListAliases(IAliasStore aliases)
{
    /// <summary>Runs the action.</summary>
    /// <exception cref="KmsException">InvalidParameter for a page number below 1 or a size outside 1–100.</exception>
    public async Task<ListAliasesResult> HandleAsync(CallContext caller, ListAliasesRequest request, CancellationToken cancellationToken)
    {
        var (number, size) = Paging.Validate(request.PageNumber, request.PageSize, defaultSize: 10);
        var (items, total) = await aliases.ListAsync(caller.Account, keyId: null, Offset(number, size), size, cancellationToken);
        return new ListAliasesResult(items, number, size, total);
    }

    /// <summary>The row offset of a page, capped so that a page far past the end stays an empty page.</summary>
    internal static int Offset(int number, int size) => (int)Math.Min(int.MaxValue, ((long)number - 1) * size);
}
