using Coffer.Core.Operations;
using Coffer.Core.Requests;
using Coffer.Server.Binding;
using Coffer.Server.Dispatch;
using Coffer.Server.Rendering;

namespace Coffer.Server.Actions;

/// <summary>GetPublicKey: KeyId, KeyVersionId, PublicKey (PEM).</summary>
public sealed class GetPublicKeyEndpoint(GetPublicKey handler) : IActionEndpoint
{
    /// <inheritdoc />
    public string Name => "GetPublicKey";

    /// <inheritdoc />
    public async Task<ResponseObject> InvokeAsync(CallContext caller, ParameterReader parameters, CancellationToken cancellationToken)
    {
        var keyId = parameters.Required("KeyId");
        var versionId = parameters.Required("KeyVersionId");
        var request = new GetPublicKeyRequest(keyId, versionId, parameters.OptionalBool("DryRun") ?? false);
        var result = await handler.HandleAsync(caller, request, cancellationToken);
        return new ResponseObject
        {
            { "KeyId", result.KeyId.Value },
            { "KeyVersionId", result.KeyVersionId.Value },
            { "PublicKey", result.PublicKey },
        };
    }
}
