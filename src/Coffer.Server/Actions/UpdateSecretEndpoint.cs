using Coffer.Core.Operations;
using Coffer.Core.Requests;
using Coffer.Server.Binding;
using Coffer.Server.Dispatch;
using Coffer.Server.Rendering;

namespace Coffer.Server.Actions;

/// <summary>UpdateSecret: SecretName.</summary>
public sealed class UpdateSecretEndpoint(UpdateSecret handler) : IActionEndpoint
{
    /// <inheritdoc />
    public string Name => "UpdateSecret";

    /// <inheritdoc />
    public async Task<ResponseObject> InvokeAsync(CallContext caller, ParameterReader parameters, CancellationToken cancellationToken)
    {
        var name = parameters.Required("SecretName");
        var extended = parameters.Optional("ExtendedConfig") is not null || parameters.HasPrefixed("ExtendedConfig");
        var secret = await handler.HandleAsync(caller, new UpdateSecretRequest(name, parameters.Optional("Description"), extended), cancellationToken);
        return new ResponseObject { { "SecretName", secret.Name } };
    }
}
