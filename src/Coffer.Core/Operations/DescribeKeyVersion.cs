using Coffer.Core.Errors;
using Coffer.Core.Keys;
using Coffer.Core.Requests;
using Coffer.Core.Storage;

namespace Coffer.Core.Operations;

/// <summary>DescribeKeyVersion parameters.</summary>
public sealed record DescribeKeyVersionRequest(string KeyId, string KeyVersionId);

/// <summary>DescribeKeyVersion: one version of a key, in any key state.</summary>
public sealed class DescribeKeyVersion(KeyResolver resolver, IKeyStore keys)
{
    /// <summary>Runs the action (any key form).</summary>
    /// <exception cref="KmsException">Forbidden.KeyNotFound / Forbidden.AliasNotFound; Forbidden.KeyVersionNotFound when the key has no such version.</exception>
    public async Task<KeyVersion> HandleAsync(CallContext caller, DescribeKeyVersionRequest request, CancellationToken cancellationToken)
    {
        var key = await resolver.ResolveAsync(caller, request.KeyId, cancellationToken);
        var version = await keys.GetVersionAsync(key.Id, new KeyVersionId(request.KeyVersionId), cancellationToken)
            ?? throw new KmsException(KmsErrorCode.KeyVersionNotFound);
        KeyTransitions.Ensure(KeyAction.Read, key.State);
        return version;
    }
}
