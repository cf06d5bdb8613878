using Coffer.Core.Operations;
using Coffer.Core.Requests;
using Coffer.Server.Binding;
using Coffer.Server.Dispatch;
using Coffer.Server.Rendering;

namespace Coffer.Server.Actions;

/// <summary>GetSecretValue: the value with its version, data type and <c>VersionStages.VersionStage[]</c>.</summary>
public sealed class GetSecretValueEndpoint(GetSecretValue handler) : IActionEndpoint
{
    /// <inheritdoc />
    public string Name => "GetSecretValue";

    /// <inheritdoc />
    public async Task<ResponseObject> InvokeAsync(CallContext caller, ParameterReader parameters, CancellationToken cancellationToken)
    {
        var request = new GetSecretValueRequest(
            parameters.Required("SecretName"),
            parameters.Optional("VersionId"),
            parameters.Optional("VersionStage"),
            parameters.OptionalBool("DryRun") ?? false);
        var fetch = parameters.OptionalBool("FetchExtendedConfig") ?? false;
        return SecretRenderer.Value(await handler.HandleAsync(caller, request, cancellationToken), fetch);
    }
}
