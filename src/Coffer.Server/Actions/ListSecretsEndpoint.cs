using Coffer.Core.Operations;
using Coffer.Core.Requests;
using Coffer.Server.Binding;
using Coffer.Server.Dispatch;
using Coffer.Server.Rendering;

namespace Coffer.Server.Actions;

/// <summary>ListSecrets: <c>SecretList.Secret[]</c>, PageNumber, PageSize, TotalCount.</summary>
public sealed class ListSecretsEndpoint(ListSecrets handler) : IActionEndpoint
{
    /// <inheritdoc />
    public string Name => "ListSecrets";

    /// <inheritdoc />
    public async Task<ResponseObject> InvokeAsync(CallContext caller, ParameterReader parameters, CancellationToken cancellationToken)
    {
        var request = new ListSecretsRequest(
            parameters.Optional("Filters"),
            parameters.OptionalBool("FetchTags") ?? false,
            parameters.OptionalInt("PageNumber"),
            parameters.OptionalInt("PageSize"));
        var result = await handler.HandleAsync(caller, request, cancellationToken);
        var secrets = result.Secrets.Select(d =>
        {
            var item = new ResponseObject
            {
                { "CreateTime", SecretRenderer.Time(d.Secret.CreateTime) },
                { "OwingService", "" },
                { "PlannedDeleteTime", SecretRenderer.Time(d.Secret.PlannedDeleteTime) },
                { "SecretName", d.Secret.Name },
                { "SecretType", d.Secret.SecretType },
            };
            if (d.Tags is not null)
            {
                item.Add("Tags", SecretRenderer.Tags(d.Tags));
            }

            item.Add("UpdateTime", SecretRenderer.Time(d.Secret.UpdateTime));
            return (object)item;
        }).ToList();
        return new ResponseObject
        {
            { "PageNumber", result.PageNumber },
            { "PageSize", result.PageSize },
            { "SecretList", new ResponseList("Secret", secrets) },
            { "TotalCount", result.TotalCount },
        };
    }
}
