using Coffer.Core.Operations;
using Coffer.Core.Requests;
using Coffer.Server.Binding;
using Coffer.Server.Dispatch;
using Coffer.Server.Rendering;

namespace Coffer.Server.Actions;

/// <summary>GenerateAndExportDataKey: CiphertextBlob, ExportedDataKey, KeyId, KeyVersionId.</summary>
public sealed class GenerateAndExportDataKeyEndpoint(GenerateAndExportDataKey handler) : IActionEndpoint
{
    /// <inheritdoc />
    public string Name => "GenerateAndExportDataKey";

    /// <inheritdoc />
    public async Task<ResponseObject> InvokeAsync(CallContext caller, ParameterReader parameters, CancellationToken cancellationToken)
    {
        var keyId = parameters.Required("KeyId");
        var publicKey = parameters.Required("PublicKeyBlob");
        var algorithm = parameters.Required("WrappingAlgorithm");
        var keySpec = parameters.Required("WrappingKeySpec");
        var request = new GenerateAndExportDataKeyRequest(
            keyId,
            parameters.Optional("KeySpec"),
            parameters.OptionalInt("NumberOfBytes"),
            parameters.Context("EncryptionContext"),
            publicKey,
            algorithm,
            keySpec,
            parameters.OptionalBool("DryRun") ?? false);
        var result = await handler.HandleAsync(caller, request, cancellationToken);
        return new ResponseObject
        {
            { "CiphertextBlob", Convert.ToBase64String(result.CiphertextBlob) },
            { "ExportedDataKey", Convert.ToBase64String(result.ExportedDataKey) },
            { "KeyId", result.KeyId.Value },
            { "KeyVersionId", result.KeyVersionId.Value },
        };
    }
}
