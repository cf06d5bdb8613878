using Coffer.Core.Operations;
using Coffer.Core.Requests;
using Coffer.Core.Secrets;
using Coffer.Server.Binding;
using Coffer.Server.Dispatch;
using Coffer.Server.Rendering;

namespace Coffer.Server.Actions;

/// <summary>PutSecretValue: SecretName, VersionId, <c>VersionStages.VersionStage[]</c>.</summary>
public sealed class PutSecretValueEndpoint(PutSecretValue handler) : IActionEndpoint
{
    /// <inheritdoc />
    public string Name => "PutSecretValue";

    /// <inheritdoc />
    public async Task<ResponseObject> InvokeAsync(CallContext caller, ParameterReader parameters, CancellationToken cancellationToken)
    {
        var data = parameters.Required("SecretData");
        var name = parameters.Required("SecretName");
        var versionId = parameters.Required("VersionId");
        IReadOnlyList<string>? stages = parameters.Optional("VersionStages") is { } json
            ? SecretRules.ParseStages(json, "VersionStages")
            : parameters.List("VersionStages") is { Count: > 0 } flattened ? flattened : null;
        var (secret, version) = await handler.HandleAsync(
            caller, new PutSecretValueRequest(name, versionId, data, parameters.Optional("SecretDataType"), stages), cancellationToken);
        return new ResponseObject
        {
            { "SecretName", secret.Name },
            { "VersionId", version.VersionId },
            { "VersionStages", SecretRenderer.Stages(version.Stages) },
        };
    }
}
