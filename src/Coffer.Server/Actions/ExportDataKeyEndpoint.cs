using Coffer.Core.Operations;
using Coffer.Core.Requests;
using Coffer.Server.Binding;
using Coffer.Server.Dispatch;
using Coffer.Server.Rendering;

namespace Coffer.Server.Actions;

/// <summary>ExportDataKey: ExportedDataKey, KeyId, KeyVersionId.</summary>
public sealed class ExportDataKeyEndpoint(ExportDataKey handler) : IActionEndpoint
{
    /// <inheritdoc />
    public string Name => "ExportDataKey";

    /// <inheritdoc />
    public async Task<ResponseObject> InvokeAsync(CallContext caller, ParameterReader parameters, CancellationToken cancellationToken)
    {
        var blob = parameters.Required("CiphertextBlob");
        var publicKey = parameters.Required("PublicKeyBlob");
        var algorithm = parameters.Required("WrappingAlgorithm");
        var keySpec = parameters.Required("WrappingKeySpec");
        var request = new ExportDataKeyRequest(
            blob, parameters.Context("EncryptionContext"), publicKey, algorithm, keySpec, parameters.OptionalBool("DryRun") ?? false);
        var result = await handler.HandleAsync(caller, request, cancellationToken);
        return new ResponseObject
        {
            { "ExportedDataKey", Convert.ToBase64String(result.ExportedDataKey) },
            { "KeyId", result.KeyId.Value },
            { "KeyVersionId", result.KeyVersionId.Value },
        };
    }
}
