using Coffer.Core.Operations;
using Coffer.Core.Requests;
using Coffer.Server.Binding;
using Coffer.Server.Dispatch;
using Coffer.Server.Rendering;

namespace Coffer.Server.Actions;

/// <summary>CreateKeyVersion: <c>KeyVersion{CreationDate, KeyId, KeyVersionId}</c>.</summary>
public sealed class CreateKeyVersionEndpoint(CreateKeyVersion handler) : IActionEndpoint
{
    /// <inheritdoc />
    public string Name => "CreateKeyVersion";

    /// <inheritdoc />
    public async Task<ResponseObject> InvokeAsync(CallContext caller, ParameterReader parameters, CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(caller, parameters.Required("KeyId"), cancellationToken);
        return new ResponseObject { { "KeyVersion", KeyVersionRenderer.Render(result.Version) } };
    }
}
