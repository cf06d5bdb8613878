using Coffer.Core.Operations;
using Coffer.Core.Requests;
using Coffer.Server.Binding;
using Coffer.Server.Dispatch;
using Coffer.Server.Rendering;

namespace Coffer.Server.Actions;

/// <summary>Decrypt: Plaintext, KeyId, KeyVersionId.</summary>
public sealed class DecryptEndpoint(Decrypt handler) : IActionEndpoint
{
    /// <inheritdoc />
    public string Name => "Decrypt";

    /// <inheritdoc />
    public async Task<ResponseObject> InvokeAsync(CallContext caller, ParameterReader parameters, CancellationToken cancellationToken)
    {
        var blob = parameters.Required("CiphertextBlob");
        parameters.NotYetSupported("Recipient");
        var request = new DecryptRequest(blob, parameters.Context("EncryptionContext"), parameters.OptionalBool("DryRun") ?? false);
        var result = await handler.HandleAsync(caller, request, cancellationToken);
        return new ResponseObject
        {
            { "KeyId", result.KeyId.Value },
            { "KeyVersionId", result.KeyVersionId.Value },
            { "Plaintext", result.Plaintext },
        };
    }
}
