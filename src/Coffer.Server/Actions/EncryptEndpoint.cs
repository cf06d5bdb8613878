using Coffer.Core.Operations;
using Coffer.Core.Requests;
using Coffer.Server.Binding;
using Coffer.Server.Dispatch;
using Coffer.Server.Rendering;

namespace Coffer.Server.Actions;

/// <summary>Encrypt: CiphertextBlob, KeyId, KeyVersionId.</summary>
public sealed class EncryptEndpoint(Encrypt handler) : IActionEndpoint
{
    /// <inheritdoc />
    public string Name => "Encrypt";

    /// <inheritdoc />
    public async Task<ResponseObject> InvokeAsync(CallContext caller, ParameterReader parameters, CancellationToken cancellationToken)
    {
        var keyId = parameters.Required("KeyId");
        var plaintext = parameters.Required("Plaintext");
        var request = new EncryptRequest(keyId, plaintext, parameters.Context("EncryptionContext"), parameters.OptionalBool("DryRun") ?? false);
        var result = await handler.HandleAsync(caller, request, cancellationToken);
        return new ResponseObject
        {
            { "CiphertextBlob", Convert.ToBase64String(result.CiphertextBlob) },
            { "KeyId", result.KeyId.Value },
            { "KeyVersionId", result.KeyVersionId.Value },
        };
    }
}
