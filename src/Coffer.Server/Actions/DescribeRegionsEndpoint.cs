using Coffer.Core.Operations;
using Coffer.Core.Requests;
using Coffer.Server.Binding;
using Coffer.Server.Dispatch;
using Coffer.Server.Rendering;

namespace Coffer.Server.Actions;

/// <summary>DescribeRegions: <c>Regions.Region[].RegionId</c>.</summary>
public sealed class DescribeRegionsEndpoint(DescribeRegions handler) : IActionEndpoint
{
    /// <inheritdoc />
    public string Name => "DescribeRegions";

    /// <inheritdoc />
    public Task<ResponseObject> InvokeAsync(CallContext caller, ParameterReader parameters, CancellationToken cancellationToken)
    {
        var result = handler.Handle();
        var regions = result.Regions.Select(r => (object)new ResponseObject { { "RegionId", r } }).ToList();
        return Task.FromResult(new ResponseObject { { "Regions", new ResponseList("Region", regions) } });
    }
}
