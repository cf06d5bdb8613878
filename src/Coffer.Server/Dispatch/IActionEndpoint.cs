using Coffer.Core.Requests;
using Coffer.Server.Binding;
using Coffer.Server.Rendering;

namespace Coffer.Server.Dispatch;

/// <summary>One API action on the wire: binds parameters, calls its Core handler, and builds the response body.</summary>
public interface IActionEndpoint
{
    /// <summary>The Action name, exactly as Alibaba spells it.</summary>
    string Name { get; }

    /// <summary>Runs the action for an authenticated caller; returns the body without RequestId.</summary>
    Task<ResponseObject> InvokeAsync(CallContext caller, ParameterReader parameters, CancellationToken cancellationToken);
}
