using Coffer.Core.Operations;
using Coffer.Core.Requests;
using Coffer.Server.Binding;
using Coffer.Server.Dispatch;
using Coffer.Server.Rendering;

namespace Coffer.Server.Actions;

/// <summary>UpdateSecretVersionStage: SecretName.</summary>
public sealed class UpdateSecretVersionStageEndpoint(UpdateSecretVersionStage handler) : IActionEndpoint
{
    /// <inheritdoc />
    public string Name => "UpdateSecretVersionStage";

    /// <inheritdoc />
    public async Task<ResponseObject> InvokeAsync(CallContext caller, ParameterReader parameters, CancellationToken cancellationToken)
    {
        var name = parameters.Required("SecretName");
        var stage = parameters.Required("VersionStage");
        var request = new UpdateSecretVersionStageRequest(name, stage, parameters.Optional("RemoveFromVersion"), parameters.Optional("MoveToVersion"));
        var secret = await handler.HandleAsync(caller, request, cancellationToken);
        return new ResponseObject { { "SecretName", secret.Name } };
    }
}
