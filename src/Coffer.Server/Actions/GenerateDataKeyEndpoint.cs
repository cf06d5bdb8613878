using Coffer.Core.Operations;
using Coffer.Core.Requests;
using Coffer.Server.Binding;
using Coffer.Server.Dispatch;
using Coffer.Server.Rendering;

namespace Coffer.Server.Actions;

/// <summary>GenerateDataKey: CiphertextBlob, KeyId, KeyVersionId, Plaintext.</summary>
public sealed class GenerateDataKeyEndpoint(GenerateDataKey handler) : IActionEndpoint
{
    /// <inheritdoc />
    public string Name => "GenerateDataKey";

    /// <inheritdoc />
    public async Task<ResponseObject> InvokeAsync(CallContext caller, ParameterReader parameters, CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(caller, Bind(parameters), cancellationToken);
        return new ResponseObject
        {
            { "CiphertextBlob", Convert.ToBase64String(result.CiphertextBlob) },
            { "KeyId", result.KeyId.Value },
            { "KeyVersionId", result.KeyVersionId.Value },
            { "Plaintext", result.Plaintext },
        };
    }

    /// <summary>Binds the parameters GenerateDataKey and GenerateDataKeyWithoutPlaintext share.</summary>
    public static GenerateDataKeyRequest Bind(ParameterReader parameters)
    {
        var keyId = parameters.Required("KeyId");
        parameters.NotYetSupported("Recipient");
        return new GenerateDataKeyRequest(
            keyId,
            parameters.Optional("KeySpec"),
            parameters.OptionalInt("NumberOfBytes"),
            parameters.Context("EncryptionContext"),
            parameters.OptionalBool("DryRun") ?? false);
    }
}
