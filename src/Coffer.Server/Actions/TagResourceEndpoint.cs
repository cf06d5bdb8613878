using Coffer.Core.Operations;
using Coffer.Core.Requests;
using Coffer.Core.Tags;
using Coffer.Server.Binding;
using Coffer.Server.Dispatch;
using Coffer.Server.Rendering;

namespace Coffer.Server.Actions;

/// <summary>TagResource (legacy; KeyId and the <c>Tags</c> JSON array): RequestId only.</summary>
public sealed class TagResourceEndpoint(TagResource handler) : IActionEndpoint
{
    /// <inheritdoc />
    public string Name => "TagResource";

    /// <inheritdoc />
    public async Task<ResponseObject> InvokeAsync(CallContext caller, ParameterReader parameters, CancellationToken cancellationToken)
    {
        var keyId = parameters.Required("KeyId");
        var tags = parameters.Required("Tags");

        // Secrets take tags with Secrets Manager; Coffer has no certificates.
        parameters.NotYetSupported("SecretName");
        parameters.NotYetSupported("CertificateId");
        await handler.HandleAsync(caller, new TagResourceRequest(keyId, TagJson.ParseTags(tags, "Tags")), cancellationToken);
        return [];
    }
}
