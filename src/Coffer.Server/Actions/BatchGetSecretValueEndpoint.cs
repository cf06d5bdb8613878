using Coffer.Core.Operations;
using Coffer.Core.Requests;
using Coffer.Server.Binding;
using Coffer.Server.Dispatch;
using Coffer.Server.Errors;
using Coffer.Server.Rendering;

namespace Coffer.Server.Actions;

/// <summary>BatchGetSecretValue: bare arrays <c>SecretValues</c> and <c>Errors{Code, HttpStatus, Message, SecretName}</c>.</summary>
public sealed class BatchGetSecretValueEndpoint(BatchGetSecretValue handler) : IActionEndpoint
{
    /// <inheritdoc />
    public string Name => "BatchGetSecretValue";

    /// <inheritdoc />
    public async Task<ResponseObject> InvokeAsync(CallContext caller, ParameterReader parameters, CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(caller, parameters.Optional("SecretsList"), cancellationToken);
        var errors = result.Errors.Select(e =>
        {
            var entry = ErrorCatalogue.Entry(e.Error.Code);
            return new ResponseObject
            {
                { "Code", entry.Code },
                { "HttpStatus", entry.HttpStatus },
                { "Message", ErrorCatalogue.Message(e.Error.Code, e.Error.Detail) },
                { "SecretName", e.SecretName },
            };
        }).ToList();
        var values = result.Values.Select(v =>
        {
            var body = SecretRenderer.Value(v, fetchExtendedConfig: false);
            body.InsertFirst("RequestId", caller.RequestId);
            return body;
        }).ToList();
        return new ResponseObject
        {
            { "Errors", new ResponseArray(errors) },
            { "SecretValues", new ResponseArray(values) },
        };
    }
}
