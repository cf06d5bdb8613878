using Coffer.Core.Errors;
using Coffer.Core.Requests;
using Coffer.Core.Secrets;

namespace Coffer.Core.Operations;

/// <summary>ListSecretVersionIds parameters.</summary>
public sealed record ListSecretVersionIdsRequest(string SecretName, bool IncludeDeprecated = false, int? PageNumber = null, int? PageSize = null);

/// <summary>One page of a secret's versions.</summary>
public sealed record ListSecretVersionIdsResult(Secret Secret, IReadOnlyList<SecretVersion> Versions, int TotalCount, int PageNumber, int PageSize);

/// <summary>ListSecretVersionIds: versions oldest first; stage-less (deprecated) ones only with IncludeDeprecated.</summary>
public sealed class ListSecretVersionIds(SecretVault vault)
{
    /// <summary>Default page size of this call.</summary>
    public const int DefaultPageSize = 20;

    /// <summary>Runs the action; works inside the recovery window.</summary>
    /// <exception cref="KmsException">InvalidParameter PageNumber or PageSize; Forbidden.ResourceNotFound.</exception>
    public async Task<ListSecretVersionIdsResult> HandleAsync(CallContext caller, ListSecretVersionIdsRequest request, CancellationToken cancellationToken)
    {
        var (number, size) = Paging.Validate(request.PageNumber, request.PageSize, DefaultPageSize);
        var secret = await vault.FindAsync(caller, request.SecretName, cancellationToken);
        var versions = (await vault.Store.ListVersionsAsync(secret.Account, secret.Name, cancellationToken))
            .Where(v => request.IncludeDeprecated || v.Stages.Count > 0)
            .ToList();
        var page = versions.Skip((int)Math.Min(int.MaxValue, (long)(number - 1) * size)).Take(size).ToList();
        return new ListSecretVersionIdsResult(secret, page, versions.Count, number, size);
    }
}
