using Coffer.Core.Operations;
using Coffer.Core.Requests;
using Coffer.Server.Binding;
using Coffer.Server.Dispatch;
using Coffer.Server.Rendering;

namespace Coffer.Server.Actions;

/// <summary>SetSecretPolicy: RequestId only.</summary>
public sealed class SetSecretPolicyEndpoint(SetSecretPolicy handler) : IActionEndpoint
{
    /// <inheritdoc />
    public string Name => "SetSecretPolicy";

    /// <inheritdoc />
    public async Task<ResponseObject> InvokeAsync(CallContext caller, ParameterReader parameters, CancellationToken cancellationToken)
    {
        var policy = parameters.Required("Policy");
        var name = parameters.Required("SecretName");
        await handler.HandleAsync(caller, name, policy, parameters.Optional("PolicyName"), cancellationToken);
        return [];
    }
}
