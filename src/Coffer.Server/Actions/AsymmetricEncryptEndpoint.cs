using Coffer.Core.Operations;
using Coffer.Core.Requests;
using Coffer.Server.Binding;
using Coffer.Server.Dispatch;
using Coffer.Server.Rendering;

namespace Coffer.Server.Actions;

/// <summary>AsymmetricEncrypt: CiphertextBlob, KeyId, KeyVersionId.</summary>
public sealed class AsymmetricEncryptEndpoint(AsymmetricEncrypt handler) : IActionEndpoint
{
    /// <inheritdoc />
    public string Name => "AsymmetricEncrypt";

    /// <inheritdoc />
    public async Task<ResponseObject> InvokeAsync(CallContext caller, ParameterReader parameters, CancellationToken cancellationToken)
    {
        var algorithm = parameters.Required("Algorithm");
        var keyId = parameters.Required("KeyId");
        var versionId = parameters.Required("KeyVersionId");
        var plaintext = parameters.Required("Plaintext");
        var request = new AsymmetricEncryptRequest(keyId, versionId, algorithm, plaintext, parameters.OptionalBool("DryRun") ?? false);
        var result = await handler.HandleAsync(caller, request, cancellationToken);
        return new ResponseObject
        {
            { "CiphertextBlob", Convert.ToBase64String(result.CiphertextBlob) },
            { "KeyId", result.KeyId.Value },
            { "KeyVersionId", result.KeyVersionId.Value },
        };
    }
}
