using Coffer.Core.Errors;
using Coffer.Core.Keys;
using Coffer.Core.Requests;
using Coffer.Core.Storage;
using Coffer.Core.Tags;
using Coffer.Crypto;
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

/// <summary>CreateKey: makes a symmetric key with its first version, wrapped under the root key.</summary>
public sealed class CreateKey(IKeyStore keys, RootKey root, KmsOptions options, TimeProvider time, KeyTags keyTags)
{
    /// <summary>The only KeyUsage of symmetric keys.</summary>
    public const string EncryptDecrypt = "ENCRYPT/DECRYPT";

    /// <summary>Origin of keys whose material Coffer generates.</summary>
    public const string OriginKms = "Aliyun_KMS";

    /// <summary>The only protection level a software KMS can honestly claim.</summary>
    public const string Software = "SOFTWARE";

    /// <summary>Runs the action.</summary>
    /// <exception cref="KmsException">
    /// MissingParameter RotationInterval when rotation is enabled without one; InvalidParameter, Unsupported.ProtectionLevel,
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

        if (request.KeyUsage is { } usage && usage != EncryptDecrypt)
        {
            throw KmsException.Invalid("KeyUsage");
        }

        if (request.Origin is { } origin && origin != OriginKms)
        {
            // EXTERNAL (bring your own key) arrives with the import issue; until then it is refused, never ignored.
            throw KmsException.Invalid("Origin");
        }

        if (request.ProtectionLevel is { } level && level != Software)
        {
            throw level == "HSM" ? new KmsException(KmsErrorCode.UnsupportedProtectionLevel) : KmsException.Invalid("ProtectionLevel");
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
        if (tags.Count > options.MaxTagsPerResource)
        {
            throw new KmsException(KmsErrorCode.LimitExceeded);
        }

        if (await keys.CountAsync(caller.Account, cancellationToken) >= options.MaxKeysPerAccount)
        {
            throw new KmsException(KmsErrorCode.LimitExceeded);
        }

        var now = WholeSeconds(time.GetUtcNow());
        var keyId = KeyId.New();
        var versionId = KeyVersionId.New();
        byte[] wrapped;
        using (var material = CryptoRandom.NewSecret(KeySpecs.MaterialLength(spec)))
        {
            wrapped = KeyMaterial.Wrap(root, material.Span, caller.Account, keyId, versionId, spec);
        }

        var key = new Key(
            caller.Account, keyId, spec, EncryptDecrypt, OriginKms, Software, KeyState.Enabled, description,
            now, versionId, now, DeleteDate: null, DeletionProtection: false, Revision: 1)
        {
            AutomaticRotation = rotate ? AutomaticRotation.Enabled : AutomaticRotation.Disabled,
            RotationInterval = rotate ? interval : null,
            NextRotationDate = rotate ? now + interval : null,
            Policy = request.Policy,
        };
        await keys.CreateAsync(key, new KeyVersion(keyId, versionId, now, wrapped), cancellationToken);
        if (tags.Count > 0)
        {
            await keyTags.SetAsync(caller, [keyId], tags, cancellationToken);
        }

        return key;
    }

    internal static DateTimeOffset WholeSeconds(DateTimeOffset t) => t.AddTicks(-(t.Ticks % TimeSpan.TicksPerSecond));
}
