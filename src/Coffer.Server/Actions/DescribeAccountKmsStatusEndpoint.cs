using Coffer.Core.Operations;
using Coffer.Core.Requests;
using Coffer.Server.Binding;
using Coffer.Server.Dispatch;
using Coffer.Server.Rendering;

namespace Coffer.Server.Actions;

/// <summary>DescribeAccountKmsStatus: <c>AccountStatus</c>.</summary>
public sealed class DescribeAccountKmsStatusEndpoint(DescribeAccountKmsStatus handler) : IActionEndpoint
{
    /// <inheritdoc />
    public string Name => "DescribeAccountKmsStatus";

    /// <inheritdoc />
    public async Task<ResponseObject> InvokeAsync(CallContext caller, ParameterReader parameters, CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(caller, cancellationToken);
        return new ResponseObject { { "AccountStatus", result.AccountStatus } };
    }
}
