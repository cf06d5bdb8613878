using Coffer.Core.Operations;
using Coffer.Core.Requests;
using Coffer.Core.Secrets;
using Coffer.Core.Tags;
using Coffer.Server.Binding;
using Coffer.Server.Dispatch;
using Coffer.Server.Rendering;

namespace Coffer.Server.Actions;

/// <summary>CreateSecret: Arn, AutomaticRotation, DKMSInstanceId, ExtendedConfig, SecretName, SecretType, VersionId.</summary>
public sealed class CreateSecretEndpoint(CreateSecret handler, SecretVault vault) : IActionEndpoint
{
    /// <inheritdoc />
    public string Name => "CreateSecret";

    /// <inheritdoc />
    public async Task<ResponseObject> InvokeAsync(CallContext caller, ParameterReader parameters, CancellationToken cancellationToken)
    {
        // The API table's order of required parameters: SecretData, SecretName, VersionId.
        var data = parameters.Required("SecretData");
        var name = parameters.Required("SecretName");
        var versionId = parameters.Required("VersionId");

        // Coffer has no KMS instances: refused by name, never echoed back without being kept.
        parameters.NotYetSupported("DKMSInstanceId");
        var request = new CreateSecretRequest(
            name,
            versionId,
            data,
            parameters.Optional("SecretDataType"),
            parameters.Optional("SecretType"),
            parameters.Optional("EncryptionKeyId"),
            parameters.Optional("Description"),
            parameters.Optional("Tags") is { } tags ? TagJson.ParseTags(tags, "Tags") : null,
            parameters.Optional("Policy"),
            parameters.OptionalBool("EnableAutomaticRotation"));
        var secret = await handler.HandleAsync(caller, request, cancellationToken);
        return new ResponseObject
        {
            { "Arn", vault.Arn(secret) },
            { "AutomaticRotation", SecretRenderer.RotationDisabled },
            { "DKMSInstanceId", "" },
            { "ExtendedConfig", "" },
            { "SecretName", secret.Name },
            { "SecretType", secret.SecretType },
            { "VersionId", versionId },
        };
    }
}
