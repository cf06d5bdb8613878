using Coffer.Core.Operations;
using Coffer.Core.Requests;
using Coffer.Core.Secrets;
using Coffer.Server.Binding;
using Coffer.Server.Dispatch;
using Coffer.Server.Rendering;

namespace Coffer.Server.Actions;

/// <summary>DescribeSecret: the secret's metadata (never its value), <c>Tags.Tag[]</c> with FetchTags.</summary>
public sealed class DescribeSecretEndpoint(DescribeSecret handler, SecretVault vault) : IActionEndpoint
{
    /// <inheritdoc />
    public string Name => "DescribeSecret";

    /// <inheritdoc />
    public async Task<ResponseObject> InvokeAsync(CallContext caller, ParameterReader parameters, CancellationToken cancellationToken)
    {
        var name = parameters.Required("SecretName");
        var (secret, tags) = await handler.HandleAsync(caller, name, parameters.OptionalBool("FetchTags") ?? false, cancellationToken);
        var body = new ResponseObject
        {
            { "Arn", vault.Arn(secret) },
            { "AutomaticRotation", SecretRenderer.RotationDisabled },
            { "CreateTime", SecretRenderer.Time(secret.CreateTime) },
            { "DKMSInstanceId", "" },
            { "Description", secret.Description },
            { "EncryptionKeyId", secret.EncryptionKeyId?.Value ?? "" },
            { "ExtendedConfig", "" },
            { "OwingService", "" },
            { "PlannedDeleteTime", SecretRenderer.Time(secret.PlannedDeleteTime) },
            { "SecretName", secret.Name },
            { "SecretType", secret.SecretType },
        };
        if (tags is not null)
        {
            body.Add("Tags", SecretRenderer.Tags(tags));
        }

        body.Add("UpdateTime", SecretRenderer.Time(secret.UpdateTime));
        return body;
    }
}
