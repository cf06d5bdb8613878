using Coffer.Core.Operations;
using Coffer.Core.Requests;
using Coffer.Server.Binding;
using Coffer.Server.Dispatch;
using Coffer.Server.Rendering;

namespace Coffer.Server.Actions;

/// <summary>AsymmetricSign: KeyId, KeyVersionId, Value (base64 signature).</summary>
public sealed class AsymmetricSignEndpoint(AsymmetricSign handler) : IActionEndpoint
{
    /// <inheritdoc />
    public string Name => "AsymmetricSign";

    /// <inheritdoc />
    public async Task<ResponseObject> InvokeAsync(CallContext caller, ParameterReader parameters, CancellationToken cancellationToken)
    {
        var algorithm = parameters.Required("Algorithm");
        var digest = parameters.Required("Digest");
        var keyId = parameters.Required("KeyId");
        var versionId = parameters.Required("KeyVersionId");
        var request = new AsymmetricSignRequest(keyId, versionId, algorithm, digest, parameters.OptionalBool("DryRun") ?? false);
        var result = await handler.HandleAsync(caller, request, cancellationToken);
        return new ResponseObject
        {
            { "KeyId", result.KeyId.Value },
            { "KeyVersionId", result.KeyVersionId.Value },
            { "Value", Convert.ToBase64String(result.Value) },
        };
    }
}
