using Coffer.Core.Operations;
using Coffer.Core.Requests;
using Coffer.Protocol.Requests;
using Coffer.Server.Binding;
using Coffer.Server.Dispatch;
using Coffer.Server.Rendering;

namespace Coffer.Server.Actions;

/// <summary>GetParametersForImport: <c>ImportToken, KeyId, PublicKey</c> (base64 DER, not PEM), <c>TokenExpireTime</c>.</summary>
public sealed class GetParametersForImportEndpoint(GetParametersForImport handler) : IActionEndpoint
{
    /// <inheritdoc />
    public string Name => "GetParametersForImport";

    /// <inheritdoc />
    public async Task<ResponseObject> InvokeAsync(CallContext caller, ParameterReader parameters, CancellationToken cancellationToken)
    {
        var request = new GetParametersForImportRequest(
            parameters.Required("KeyId"), parameters.Required("WrappingAlgorithm"), parameters.Required("WrappingKeySpec"));
        var result = await handler.HandleAsync(caller, request, cancellationToken);
        return new ResponseObject
        {
            { "ImportToken", result.ImportToken },
            { "KeyId", result.KeyId.Value },
            { "PublicKey", Convert.ToBase64String(result.PublicKey) },
            { "TokenExpireTime", WireTimestamp.Format(result.TokenExpireTime) },
        };
    }
}
