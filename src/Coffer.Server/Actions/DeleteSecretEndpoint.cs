using Coffer.Core.Operations;
using Coffer.Core.Requests;
using Coffer.Server.Binding;
using Coffer.Server.Dispatch;
using Coffer.Server.Rendering;

namespace Coffer.Server.Actions;

/// <summary>DeleteSecret: PlannedDeleteTime, SecretName.</summary>
public sealed class DeleteSecretEndpoint(DeleteSecret handler) : IActionEndpoint
{
    /// <inheritdoc />
    public string Name => "DeleteSecret";

    /// <inheritdoc />
    public async Task<ResponseObject> InvokeAsync(CallContext caller, ParameterReader parameters, CancellationToken cancellationToken)
    {
        var request = new DeleteSecretRequest(
            parameters.Required("SecretName"),
            parameters.OptionalBool("ForceDeleteWithoutRecovery") ?? false,
            parameters.OptionalInt("RecoveryWindowInDays"));
        var (name, planned) = await handler.HandleAsync(caller, request, cancellationToken);
        return new ResponseObject
        {
            { "PlannedDeleteTime", SecretRenderer.Time(planned) },
            { "SecretName", name },
        };
    }
}
