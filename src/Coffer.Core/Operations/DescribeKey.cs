using Coffer.Core.Keys;
using Coffer.Core.Requests;

namespace Coffer.Core.Operations;

/// <summary>DescribeKey: the metadata of a key in any state.</summary>
public sealed class DescribeKey(KeyResolver resolver)
{
    /// <summary>Runs the action.</summary>
    public Task<Key> HandleAsync(CallContext caller, string keyId, CancellationToken cancellationToken) =>
        resolver.ResolveAsync(caller, keyId, cancellationToken);
}
