using Coffer.Core.Operations;
using Coffer.Core.Requests;
using Coffer.Server.Binding;
using Coffer.Server.Dispatch;
using Coffer.Server.Rendering;

namespace Coffer.Server.Actions;

/// <summary>OpenKmsService: RequestId only.</summary>
public sealed class OpenKmsServiceEndpoint(OpenKmsService handler) : IActionEndpoint
{
    /// <inheritdoc />
    public string Name => "OpenKmsService";

    /// <inheritdoc />
    public async Task<ResponseObject> InvokeAsync(CallContext caller, ParameterReader parameters, CancellationToken cancellationToken)
    {
        await handler.HandleAsync(caller, cancellationToken);
        return [];
    }
}
