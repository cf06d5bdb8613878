using Coffer.Core;
using Coffer.Core.Operations;
using Coffer.Core.Requests;
using Coffer.Server.Binding;
using Coffer.Server.Dispatch;
using Coffer.Server.Rendering;

namespace Coffer.Server.Actions;

/// <summary>DescribeKey: <c>KeyMetadata</c> with DeletionProtection.</summary>
public sealed class DescribeKeyEndpoint(DescribeKey handler, KmsOptions options) : IActionEndpoint
{
    /// <inheritdoc />
    public string Name => "DescribeKey";

    /// <inheritdoc />
    public async Task<ResponseObject> InvokeAsync(CallContext caller, ParameterReader parameters, CancellationToken cancellationToken)
    {
        var key = await handler.HandleAsync(caller, parameters.Required("KeyId"), cancellationToken);
        return new ResponseObject { { "KeyMetadata", KeyMetadataRenderer.Render(key, options, includeDeletionProtection: true) } };
    }
}
