using Coffer.Core.Accounts;
using System.Text;
using Coffer.Core.Errors;
using Coffer.Core.Keys;
using Coffer.Core.Requests;
using Coffer.Core.Secrets;
using Coffer.Core.Storage;
using Coffer.Core.Tags;

namespace Coffer.Core.Operations;

/// <summary>CreateSecret parameters as bound from the wire; null means absent.</summary>
/// <param name="SecretName">The new name.</param>
/// <param name="VersionId">The first version's id.</param>
/// <param name="SecretData">The value.</param>
/// <param name="SecretDataType"><c>text</c> (default) or <c>binary</c>.</param>
/// <param name="SecretType">Only <c>Generic</c> (default).</param>
/// <param name="EncryptionKeyId">The protecting key (any key form); null for the internal service key.</param>
/// <param name="Description">Free text.</param>
/// <param name="Tags">Tags to put on the secret.</param>
/// <param name="Policy">A secret policy, stored verbatim.</param>
/// <param name="EnableAutomaticRotation">Refused when true: Generic secrets do not rotate.</param>
public sealed record CreateSecretRequest(
    string SecretName,
    string VersionId,
    string SecretData,
    string? SecretDataType = null,
    string? SecretType = null,
    string? EncryptionKeyId = null,
    string? Description = null,
    IReadOnlyList<Tag>? Tags = null,
    string? Policy = null,
    bool? EnableAutomaticRotation = null)
{
    // Security: the generated ToString would print the secret value.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("SecretName = ").Append(SecretName).Append(", VersionId = ").Append(VersionId).Append(", SecretData = (redacted)");
        return true;
    }
}

/// <summary>CreateSecret: a Generic secret whose first version is ACSCurrent, its value envelope-encrypted.</summary>
public sealed class CreateSecret(SecretVault vault, ITagStore tags, KmsOptions options, TimeProvider time, AccountLimits limits)
{
    /// <summary>Runs the action; returns the new secret.</summary>
    /// <exception cref="KmsException">
    /// InvalidParameter; Rejected.UnsupportedOperation for managed types or rotation; Forbidden.KeyNotFound;
    /// the key's 409; Rejected.ResourceInDeleteWindow; Rejected.ResourceExist; Rejected.LimitExceeded.
    /// </exception>
    public async Task<Secret> HandleAsync(CallContext caller, CreateSecretRequest request, CancellationToken cancellationToken)
    {
        var type = request.SecretType ?? SecretRules.Generic;
        if (type != SecretRules.Generic && !SecretRules.ManagedTypes.Contains(type))
        {
            throw KmsException.Invalid("SecretType");
        }

        if (type == SecretRules.Generic)
        {
            SecretRules.CheckName(request.SecretName);
        }

        SecretRules.CheckVersionId(request.VersionId);
        var dataType = SecretRules.CheckData(request.SecretData, request.SecretDataType);
        var description = request.Description ?? "";
        if (description.Length > options.MaxDescriptionLength)
        {
            throw KmsException.Invalid("Description");
        }

        if (request.Policy is { } policy)
        {
            KeyPolicy.Validate(policy, options);
        }

        var tagList = request.Tags ?? [];
        KeyTags.CheckTags(tagList, "Tags", maxCount: null);
        if (type != SecretRules.Generic || request.EnableAutomaticRotation == true)
        {
            // Managed types need a database or RAM backend to rotate; Coffer has none and says so.
            throw new KmsException(KmsErrorCode.UnsupportedOperation);
        }

        var quotas = await limits.GetAsync(caller.Account, cancellationToken);
        if (tagList.Count > quotas.TagsPerResourceOr(options))
        {
            throw new KmsException(KmsErrorCode.LimitExceeded);
        }

        Key? key = request.EncryptionKeyId is { } keyId ? await vault.ResolveKeyAsync(caller, keyId, cancellationToken) : null;
        if (await vault.Store.FindAsync(caller.Account, request.SecretName, cancellationToken) is { } existing)
        {
            throw new KmsException(existing.PlannedDeleteTime is null ? KmsErrorCode.ResourceExist : KmsErrorCode.ResourceInDeleteWindow);
        }

        if (await vault.Store.CountAsync(caller.Account, cancellationToken) >= quotas.SecretsOr(options))
        {
            throw new KmsException(KmsErrorCode.LimitExceeded);
        }

        var now = CreateKey.WholeSeconds(time.GetUtcNow());
        var secret = new Secret(caller.Account, request.SecretName, type, description, key?.Id, now, now, null, request.Policy, Revision: 1);
        var version = await vault.SealAsync(
            caller, secret, request.VersionId, request.SecretData, dataType, [SecretRules.Current], now, cancellationToken);
        if (!await vault.Store.TryCreateAsync(secret, version, cancellationToken))
        {
            throw new KmsException(KmsErrorCode.ResourceExist);
        }

        if (tagList.Count > 0)
        {
            await tags.TrySetAsync(caller.Account, SecretRules.ResourceType, [secret.Name], tagList, quotas.TagsPerResourceOr(options), cancellationToken);
        }

        return secret;
    }
}
