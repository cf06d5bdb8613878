using Coffer.Core.Operations;
using Coffer.Core.Requests;
using Coffer.Core.Secrets;
using Coffer.Server.Binding;
using Coffer.Server.Dispatch;
using Coffer.Server.Rendering;

namespace Coffer.Server.Actions;

/// <summary>RotateSecret: managed secrets only, which Coffer cannot rotate: Rejected.UnsupportedOperation.</summary>
public sealed class RotateSecretEndpoint(SecretRotation handler) : IActionEndpoint
{
    /// <inheritdoc />
    public string Name => "RotateSecret";

    /// <inheritdoc />
    public async Task<ResponseObject> InvokeAsync(CallContext caller, ParameterReader parameters, CancellationToken cancellationToken)
    {
        var name = parameters.Required("SecretName");
        SecretRules.CheckVersionId(parameters.Required("VersionId"));
        await handler.HandleAsync(caller, name, cancellationToken);
        return [];
    }
}
