using Coffer.Core.Operations;
using Coffer.Core.Requests;
using Coffer.Server.Binding;
using Coffer.Server.Dispatch;
using Coffer.Server.Rendering;

namespace Coffer.Server.Actions;

/// <summary>ScheduleKeyDeletion: RequestId only.</summary>
public sealed class ScheduleKeyDeletionEndpoint(ScheduleKeyDeletion handler) : IActionEndpoint
{
    /// <inheritdoc />
    public string Name => "ScheduleKeyDeletion";

    /// <inheritdoc />
    public async Task<ResponseObject> InvokeAsync(CallContext caller, ParameterReader parameters, CancellationToken cancellationToken)
    {
        var keyId = parameters.Required("KeyId");
        parameters.Required("PendingWindowInDays");
        var days = parameters.OptionalInt("PendingWindowInDays")!.Value;
        await handler.HandleAsync(caller, new ScheduleKeyDeletionRequest(keyId, days), cancellationToken);
        return [];
    }
}
