using Coffer.Core.Operations;
using Coffer.Core.Requests;
using Coffer.Server.Binding;
using Coffer.Server.Dispatch;
using Coffer.Server.Rendering;

namespace Coffer.Server.Actions;

/// <summary>AsymmetricVerify: KeyId, KeyVersionId, Value (a boolean).</summary>
public sealed class AsymmetricVerifyEndpoint(AsymmetricVerify handler) : IActionEndpoint
{
    /// <inheritdoc />
    public string Name => "AsymmetricVerify";

    /// <inheritdoc />
    public async Task<ResponseObject> InvokeAsync(CallContext caller, ParameterReader parameters, CancellationToken cancellationToken)
    {
        var algorithm = parameters.Required("Algorithm");
        var digest = parameters.Required("Digest");
        var keyId = parameters.Required("KeyId");
        var versionId = parameters.Required("KeyVersionId");
        var value = parameters.Required("Value");
        var request = new AsymmetricVerifyRequest(keyId, versionId, algorithm, digest, value, parameters.OptionalBool("DryRun") ?? false);
        var result = await handler.HandleAsync(caller, request, cancellationToken);
        return new ResponseObject
        {
            { "KeyId", result.KeyId.Value },
            { "KeyVersionId", result.KeyVersionId.Value },
            { "Value", result.Value },
        };
    }
}
