using Coffer.Core.Operations;
using Coffer.Core.Requests;
using Coffer.Server.Binding;
using Coffer.Server.Dispatch;
using Coffer.Server.Rendering;

namespace Coffer.Server.Actions;

/// <summary>AsymmetricDecrypt: KeyId, KeyVersionId, Plaintext (base64).</summary>
public sealed class AsymmetricDecryptEndpoint(AsymmetricDecrypt handler) : IActionEndpoint
{
    /// <inheritdoc />
    public string Name => "AsymmetricDecrypt";

    /// <inheritdoc />
    public async Task<ResponseObject> InvokeAsync(CallContext caller, ParameterReader parameters, CancellationToken cancellationToken)
    {
        var algorithm = parameters.Required("Algorithm");
        var ciphertext = parameters.Required("CiphertextBlob");
        var keyId = parameters.Required("KeyId");
        var versionId = parameters.Required("KeyVersionId");
        var request = new AsymmetricDecryptRequest(keyId, versionId, algorithm, ciphertext, parameters.OptionalBool("DryRun") ?? false);
        var result = await handler.HandleAsync(caller, request, cancellationToken);
        var plaintext = Convert.ToBase64String(result.Plaintext);
        Array.Clear(result.Plaintext);
        return new ResponseObject
        {
            { "KeyId", result.KeyId.Value },
            { "KeyVersionId", result.KeyVersionId.Value },
            { "Plaintext", plaintext },
        };
    }
}
