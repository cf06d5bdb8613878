using Coffer.Core.Operations;
using Coffer.Core.Requests;
using Coffer.Server.Binding;
using Coffer.Server.Dispatch;
using Coffer.Server.Rendering;

namespace Coffer.Server.Actions;

/// <summary>ReEncrypt (symmetric to symmetric): CiphertextBlob, KeyId and KeyVersionId of the destination.</summary>
public sealed class ReEncryptEndpoint(ReEncrypt handler) : IActionEndpoint
{
    /// <inheritdoc />
    public string Name => "ReEncrypt";

    /// <inheritdoc />
    public async Task<ResponseObject> InvokeAsync(CallContext caller, ParameterReader parameters, CancellationToken cancellationToken)
    {
        var blob = parameters.Required("CiphertextBlob");
        var destination = parameters.Required("DestinationKeyId");

        // Asymmetric sources arrive with asymmetric keys: refused by name until then, never ignored.
        parameters.NotYetSupported("SourceEncryptionAlgorithm");
        parameters.NotYetSupported("SourceKeyId");
        parameters.NotYetSupported("SourceKeyVersionId");
        var request = new ReEncryptRequest(
            blob,
            parameters.Context("SourceEncryptionContext"),
            destination,
            parameters.Context("DestinationEncryptionContext"),
            parameters.OptionalBool("DryRun") ?? false);
        var result = await handler.HandleAsync(caller, request, cancellationToken);
        return new ResponseObject
        {
            { "CiphertextBlob", Convert.ToBase64String(result.CiphertextBlob) },
            { "KeyId", result.KeyId.Value },
            { "KeyVersionId", result.KeyVersionId.Value },
        };
    }
}
