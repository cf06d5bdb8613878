using Coffer.Core.Operations;
using Coffer.Core.Requests;
using Coffer.Server.Binding;
using Coffer.Server.Dispatch;
using Coffer.Server.Rendering;

namespace Coffer.Server.Actions;

/// <summary>GenerateDataKeyWithoutPlaintext: CiphertextBlob, KeyId, KeyVersionId (the data key is not returned).</summary>
public sealed class GenerateDataKeyWithoutPlaintextEndpoint(GenerateDataKey handler) : IActionEndpoint
{
    /// <inheritdoc />
    public string Name => "GenerateDataKeyWithoutPlaintext";

    /// <inheritdoc />
    public async Task<ResponseObject> InvokeAsync(CallContext caller, ParameterReader parameters, CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(caller, GenerateDataKeyEndpoint.Bind(parameters), cancellationToken);
        return new ResponseObject
        {
            { "CiphertextBlob", Convert.ToBase64String(result.CiphertextBlob) },
            { "KeyId", result.KeyId.Value },
            { "KeyVersionId", result.KeyVersionId.Value },
        };
    }
}
