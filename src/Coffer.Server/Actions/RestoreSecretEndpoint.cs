using Coffer.Core.Operations;
using Coffer.Core.Requests;
using Coffer.Server.Binding;
using Coffer.Server.Dispatch;
using Coffer.Server.Rendering;

namespace Coffer.Server.Actions;

/// <summary>RestoreSecret: SecretName.</summary>
public sealed class RestoreSecretEndpoint(RestoreSecret handler) : IActionEndpoint
{
    /// <inheritdoc />
    public string Name => "RestoreSecret";

    /// <inheritdoc />
    public async Task<ResponseObject> InvokeAsync(CallContext caller, ParameterReader parameters, CancellationToken cancellationToken)
    {
        var secret = await handler.HandleAsync(caller, parameters.Required("SecretName"), cancellationToken);
        return new ResponseObject { { "SecretName", secret.Name } };
    }
}
