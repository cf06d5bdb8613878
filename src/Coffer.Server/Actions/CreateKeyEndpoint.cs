using Coffer.Core;
using Coffer.Core.Operations;
using Coffer.Core.Requests;
using Coffer.Core.Tags;
using Coffer.Server.Binding;
using Coffer.Server.Dispatch;
using Coffer.Server.Rendering;

namespace Coffer.Server.Actions;

/// <summary>CreateKey: <c>KeyMetadata</c>.</summary>
public sealed class CreateKeyEndpoint(CreateKey handler, KmsOptions options) : IActionEndpoint
{
    /// <inheritdoc />
    public string Name => "CreateKey";

    /// <inheritdoc />
    public async Task<ResponseObject> InvokeAsync(CallContext caller, ParameterReader parameters, CancellationToken cancellationToken)
    {
        // Features of later issues: refused by name until they exist, never ignored.
        parameters.NotYetSupported("DKMSInstanceId");
        var request = new CreateKeyRequest(
            parameters.Optional("Description"),
            parameters.Optional("KeySpec"),
            parameters.Optional("KeyUsage"),
            parameters.Optional("Origin"),
            parameters.Optional("ProtectionLevel"),
            parameters.OptionalBool("EnableAutomaticRotation"),
            parameters.Optional("RotationInterval"),
            parameters.Optional("Policy"),
            Tags: parameters.Optional("Tags") is { } tags ? TagJson.ParseTags(tags, "Tags") : null);
        var key = await handler.HandleAsync(caller, request, cancellationToken);
        return new ResponseObject { { "KeyMetadata", KeyMetadataRenderer.Render(key, options, includeDeletionProtection: false) } };
    }
}
