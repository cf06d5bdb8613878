using Coffer.Core.Operations;
using Coffer.Core.Requests;
using Coffer.Server.Binding;
using Coffer.Server.Dispatch;
using Coffer.Server.Rendering;

namespace Coffer.Server.Actions;

/// <summary>VerifyMac: Algorithm, KeyId, Value (a boolean).</summary>
public sealed class VerifyMacEndpoint(VerifyMac handler) : IActionEndpoint
{
    /// <inheritdoc />
    public string Name => "VerifyMac";

    /// <inheritdoc />
    public async Task<ResponseObject> InvokeAsync(CallContext caller, ParameterReader parameters, CancellationToken cancellationToken)
    {
        var algorithm = parameters.Required("Algorithm");
        var keyId = parameters.Required("KeyId");
        var mac = parameters.Required("Mac");
        var message = parameters.Required("Message");
        var request = new VerifyMacRequest(keyId, algorithm, message, mac, parameters.OptionalBool("DryRun") ?? false);
        var result = await handler.HandleAsync(caller, request, cancellationToken);
        return new ResponseObject
        {
            { "Algorithm", result.Algorithm },
            { "KeyId", result.KeyId.Value },
            { "Value", result.Value },
        };
    }
}
