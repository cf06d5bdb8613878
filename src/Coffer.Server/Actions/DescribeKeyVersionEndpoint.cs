using Coffer.Core.Operations;
using Coffer.Core.Requests;
using Coffer.Server.Binding;
using Coffer.Server.Dispatch;
using Coffer.Server.Rendering;

namespace Coffer.Server.Actions;

/// <summary>DescribeKeyVersion: <c>KeyVersion{CreationDate, KeyId, KeyVersionId}</c>.</summary>
public sealed class DescribeKeyVersionEndpoint(DescribeKeyVersion handler) : IActionEndpoint
{
    /// <inheritdoc />
    public string Name => "DescribeKeyVersion";

    /// <inheritdoc />
    public async Task<ResponseObject> InvokeAsync(CallContext caller, ParameterReader parameters, CancellationToken cancellationToken)
    {
        var keyId = parameters.Required("KeyId");
        var versionId = parameters.Required("KeyVersionId");
        var version = await handler.HandleAsync(caller, new DescribeKeyVersionRequest(keyId, versionId), cancellationToken);
        return new ResponseObject { { "KeyVersion", KeyVersionRenderer.Render(version) } };
    }
}
