using Coffer.Core.Errors;
using Coffer.Core.Operations;
using Coffer.Core.Requests;
using Coffer.Server.Binding;
using Coffer.Server.Dispatch;
using Coffer.Server.Rendering;

namespace Coffer.Server.Actions;

/// <summary>SetDeletionProtection: RequestId only. The key comes from KeyId or, as older SDKs send it, ProtectedResourceArn.</summary>
public sealed class SetDeletionProtectionEndpoint(SetDeletionProtection handler) : IActionEndpoint
{
    /// <inheritdoc />
    public string Name => "SetDeletionProtection";

    /// <inheritdoc />
    public async Task<ResponseObject> InvokeAsync(CallContext caller, ParameterReader parameters, CancellationToken cancellationToken)
    {
        parameters.Required("EnableDeletionProtection");
        var keyId = parameters.Optional("KeyId") ?? parameters.Optional("ProtectedResourceArn") ?? throw KmsException.Missing("KeyId");
        var enable = parameters.RequiredBool("EnableDeletionProtection");
        var request = new SetDeletionProtectionRequest(keyId, enable, parameters.Optional("DeletionProtectionDescription"));
        await handler.HandleAsync(caller, request, cancellationToken);
        return [];
    }
}
