using Coffer.Core.Operations;
using Coffer.Core.Requests;
using Coffer.Core.Tags;
using Coffer.Server.Binding;
using Coffer.Server.Dispatch;
using Coffer.Server.Rendering;

namespace Coffer.Server.Actions;

/// <summary>UntagResource (legacy; KeyId and the <c>TagKeys</c> JSON array): RequestId only.</summary>
public sealed class UntagResourceEndpoint(UntagResource handler) : IActionEndpoint
{
    /// <inheritdoc />
    public string Name => "UntagResource";

    /// <inheritdoc />
    public async Task<ResponseObject> InvokeAsync(CallContext caller, ParameterReader parameters, CancellationToken cancellationToken)
    {
        var keyId = parameters.Required("KeyId");
        var tagKeys = parameters.Required("TagKeys");

        // Secrets take tags with Secrets Manager; Coffer has no certificates.
        parameters.NotYetSupported("SecretName");
        parameters.NotYetSupported("CertificateId");
        await handler.HandleAsync(caller, new UntagResourceRequest(keyId, TagJson.ParseKeys(tagKeys, "TagKeys")), cancellationToken);
        return [];
    }
}
