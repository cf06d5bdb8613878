using Coffer.Core.Operations;
using Coffer.Core.Requests;
using Coffer.Server.Binding;
using Coffer.Server.Dispatch;
using Coffer.Server.Rendering;

namespace Coffer.Server.Actions;

/// <summary>ListSecretVersionIds: <c>VersionIds.VersionId[]{CreateTime, VersionId, VersionStages}</c> and paging.</summary>
public sealed class ListSecretVersionIdsEndpoint(ListSecretVersionIds handler) : IActionEndpoint
{
    /// <inheritdoc />
    public string Name => "ListSecretVersionIds";

    /// <inheritdoc />
    public async Task<ResponseObject> InvokeAsync(CallContext caller, ParameterReader parameters, CancellationToken cancellationToken)
    {
        var request = new ListSecretVersionIdsRequest(
            parameters.Required("SecretName"),
            parameters.OptionalBool("IncludeDeprecated") ?? false,
            parameters.OptionalInt("PageNumber"),
            parameters.OptionalInt("PageSize"));
        var result = await handler.HandleAsync(caller, request, cancellationToken);
        var versions = result.Versions.Select(v => (object)new ResponseObject
        {
            { "CreateTime", SecretRenderer.Time(v.CreateTime) },
            { "VersionId", v.VersionId },
            { "VersionStages", SecretRenderer.Stages(v.Stages) },
        }).ToList();
        return new ResponseObject
        {
            { "PageNumber", result.PageNumber },
            { "PageSize", result.PageSize },
            { "SecretName", result.Secret.Name },
            { "TotalCount", result.TotalCount },
            { "VersionIds", new ResponseList("VersionId", versions) },
        };
    }
}
