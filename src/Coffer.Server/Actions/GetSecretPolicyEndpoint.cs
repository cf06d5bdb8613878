using Coffer.Core.Operations;
using Coffer.Core.Requests;
using Coffer.Server.Binding;
using Coffer.Server.Dispatch;
using Coffer.Server.Rendering;

namespace Coffer.Server.Actions;

/// <summary>GetSecretPolicy: Policy.</summary>
public sealed class GetSecretPolicyEndpoint(GetSecretPolicy handler) : IActionEndpoint
{
    /// <inheritdoc />
    public string Name => "GetSecretPolicy";

    /// <inheritdoc />
    public async Task<ResponseObject> InvokeAsync(CallContext caller, ParameterReader parameters, CancellationToken cancellationToken)
    {
        var policy = await handler.HandleAsync(caller, parameters.Required("SecretName"), parameters.Optional("PolicyName"), cancellationToken);
        return new ResponseObject { { "Policy", policy } };
    }
}
