using Coffer.Core.Accounts;
using Coffer.Core.Errors;
using Coffer.Core.Keys;
using Coffer.Core.Requests;
using Coffer.Core.Tags;
using Coffer.Crypto.Wrapping;

namespace Coffer.Core.Operations;

/// <summary>CreateKey parameters as bound from the wire; null means absent.</summary>
/// <param name="Description">Free text.</param>
/// <param name="KeySpec">Alibaba's KeySpec name.</param>
/// <param name="KeyUsage">Alibaba's KeyUsage text.</param>
/// <param name="Origin">Alibaba's Origin text.</param>
/// <param name="ProtectionLevel">Alibaba's ProtectionLevel text.</param>
/// <param name="EnableAutomaticRotation">Turns automatic rotation on; <paramref name="RotationInterval"/> is then required.</param>
/// <param name="RotationInterval">The rotation interval text (<see cref="Keys.RotationInterval"/>).</param>
/// <param name="Policy">A key policy document, stored verbatim.</param>
/// <param name="Tags">Tags to put on the new key (the <c>Tags</c> JSON array); null or empty for none.</param>
public sealed record CreateKeyRequest(
    string? Description,
    string? KeySpec,
    string? KeyUsage,
    string? Origin,
    string? ProtectionLevel,
    bool? EnableAutomaticRotation = null,
    string? RotationInterval = null,
    string? Policy = null,
    IReadOnlyList<Tag>? Tags = null);

/// <summary>
/// CreateKey: makes a key of any spec in <see cref="KeySpecs"/> with its first version, wrapped under the root key
/// (a key pair's public key stored beside it); with Origin EXTERNAL a symmetric key starts PendingImport and its
/// version has no material. The key is stored through <see cref="KeyCreationBatcher"/>: concurrent CreateKey calls share
/// one durable commit, and the account's key limit is checked inside it.
/// </summary>
public sealed class CreateKey(KeyCreationBatcher creations, RootKey root, KmsOptions options, TimeProvider time, KeyTags keyTags, AccountLimits limits)
{
    /// <summary>The only KeyUsage of symmetric keys.</summary>
    public const string EncryptDecrypt = KeyUsages.EncryptDecrypt;

    /// <summary>Origin of keys whose material Coffer generates.</summary>
    public const string OriginKms = KeyOrigins.Kms;

    /// <summary>Origin of keys whose material the caller imports.</summary>
    public const string OriginExternal = KeyOrigins.External;

    /// <summary>The only protection level a software KMS can honestly claim.</summary>
    public const string Software = "SOFTWARE";

    /// <summary>Runs the action.</summary>
    /// <exception cref="KmsException">
    /// MissingParameter RotationInterval when rotation is enabled without one; InvalidParameter (Origin EXTERNAL with a
    /// spec that cannot be imported, EnableAutomaticRotation with EXTERNAL), Unsupported.ProtectionLevel,
    /// Rejected.LimitExceeded.
    /// </exception>
    public async Task<Key> HandleAsync(CallContext caller, CreateKeyRequest request, CancellationToken cancellationToken)
    {
        var rotate = request.EnableAutomaticRotation == true;
        if (rotate && request.RotationInterval is null)
        {
            throw KmsException.Missing("RotationInterval");
        }

        var spec = Keys.KeySpec.AliyunAes256;
        if (request.KeySpec is { } specName && !KeySpecs.TryParse(specName, out spec))
        {
            throw KmsException.Invalid("KeySpec");
        }

        // Security: the spec/usage matrix is the one table in KeySpecs; an impossible pair is refused, never adjusted.
        if (request.KeyUsage is { } usage && !KeySpecs.AllowsUsage(spec, usage))
        {
            throw KmsException.Invalid("KeyUsage");
        }

        var external = request.Origin == OriginExternal;
        if (external && KeySpecs.Kind(spec) != KeyMaterialKind.Symmetric)
        {
            // Only symmetric material can be imported.
            throw KmsException.Invalid("Origin");
        }

        if (request.Origin is { } origin && origin != OriginKms && !external)
        {
            throw KmsException.Invalid("Origin");
        }

        if (external && rotate)
        {
            throw KmsException.Invalid("EnableAutomaticRotation");
        }

        if (request.ProtectionLevel is { } level && level != Software)
        {
            throw level == "HSM" ? new KmsException(KmsErrorCode.UnsupportedProtectionLevel) : KmsException.Invalid("ProtectionLevel");
        }

        if (rotate && KeySpecs.Kind(spec) != KeyMaterialKind.Symmetric)
        {
            // Key pairs and HMAC keys never rotate automatically (CreateKeyVersion rotates them by hand).
            throw KmsException.Invalid("EnableAutomaticRotation");
        }

        var description = request.Description ?? "";
        if (description.Length > options.MaxDescriptionLength)
        {
            throw KmsException.Invalid("Description");
        }

        // Checked even when rotation stays off, so a malformed value is never silently accepted.
        TimeSpan? interval = request.RotationInterval is { } intervalText ? Keys.RotationInterval.Parse(intervalText) : null;
        if (request.Policy is { } policy)
        {
            KeyPolicy.Validate(policy, options);
        }

        // Tags are checked before the key exists, so a bad tag never leaves a key behind.
        var tags = request.Tags ?? [];
        KeyTags.CheckTags(tags, "Tags", maxCount: null);
        var quotas = await limits.GetAsync(caller.Account, cancellationToken);
        if (tags.Count > quotas.TagsPerResourceOr(options))
        {
            throw new KmsException(KmsErrorCode.LimitExceeded);
        }

        var now = WholeSeconds(time.GetUtcNow());
        var keyId = KeyId.New();
        var versionId = KeyVersionId.New();
        // An EXTERNAL key's one version has no material until ImportKeyMaterial supplies it.
        var version = external
            ? new KeyVersion(keyId, versionId, now, [])
            : KeyMaterial.NewVersion(root, caller.Account, keyId, versionId, spec, now);
        var key = new Key(
            caller.Account, keyId, spec, request.KeyUsage ?? KeySpecs.DefaultUsage(spec), external ? OriginExternal : OriginKms, Software,
            external ? KeyState.PendingImport : KeyState.Enabled, description,
            now, versionId, now, DeleteDate: null, DeletionProtection: false, Revision: 1)
        {
            AutomaticRotation = rotate ? AutomaticRotation.Enabled : AutomaticRotation.Disabled,
            RotationInterval = rotate ? interval : null,
            NextRotationDate = rotate ? now + interval : null,
            Policy = request.Policy,
        };

        // Committed together with the keys of concurrent calls; the account's key count is checked inside that commit.
        if (!await creations.TryCreateAsync(key, version, quotas.KeysOr(options), cancellationToken))
        {
            throw new KmsException(KmsErrorCode.LimitExceeded);
        }

        if (tags.Count > 0)
        {
            await keyTags.SetAsync(caller, [keyId], tags, cancellationToken);
        }

        return key;
    }

    internal static DateTimeOffset WholeSeconds(DateTimeOffset t) => t.AddTicks(-(t.Ticks % TimeSpan.TicksPerSecond));
}
