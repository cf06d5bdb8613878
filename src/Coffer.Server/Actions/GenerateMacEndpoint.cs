using Coffer.Core.Operations;
using Coffer.Core.Requests;
using Coffer.Server.Binding;
using Coffer.Server.Dispatch;
using Coffer.Server.Rendering;

namespace Coffer.Server.Actions;

/// <summary>GenerateMac: Algorithm, KeyId, Mac (base64).</summary>
public sealed class GenerateMacEndpoint(GenerateMac handler) : IActionEndpoint
{
    /// <inheritdoc />
    public string Name => "GenerateMac";

    /// <inheritdoc />
    public async Task<ResponseObject> InvokeAsync(CallContext caller, ParameterReader parameters, CancellationToken cancellationToken)
    {
        var algorithm = parameters.Required("Algorithm");
        var keyId = parameters.Required("KeyId");
        var message = parameters.Required("Message");
        var request = new GenerateMacRequest(keyId, algorithm, message, parameters.OptionalBool("DryRun") ?? false);
        var result = await handler.HandleAsync(caller, request, cancellationToken);
        return new ResponseObject
        {
            { "Algorithm", result.Algorithm },
            { "KeyId", result.KeyId.Value },
            { "Mac", Convert.ToBase64String(result.Mac) },
        };
    }
}
