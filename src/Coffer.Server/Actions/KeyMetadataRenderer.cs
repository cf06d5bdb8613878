using Coffer.Core;
using Coffer.Core.Keys;
using Coffer.Protocol.Requests;
using Coffer.Server.Rendering;

namespace Coffer.Server.Actions;

/// <summary>The KeyMetadata object of CreateKey and DescribeKey, with every field DECISIONS.md lists.</summary>
public static class KeyMetadataRenderer
{
    /// <summary>
    /// Builds KeyMetadata; RotationInterval and NextRotationDate only while rotation is Enabled or Suspended; DescribeKey
    /// adds DeletionProtection and DeletionProtectionDescription.
    /// </summary>
    public static ResponseObject Render(Key key, KmsOptions options, bool includeDeletionProtection)
    {
        var rotationConfigured = key.AutomaticRotation != AutomaticRotation.Disabled;
        var metadata = new ResponseObject
        {
            { "Arn", KeyArns.ForKey(options.Region, key.Account, key.Id) },
            { "AutomaticRotation", KeyStateMachine.Name(key.AutomaticRotation) },
            { "CreationDate", WireTimestamp.Format(key.CreationDate) },
            { "Creator", key.Account.Value },
            { "DeleteDate", key.DeleteDate is { } d ? WireTimestamp.Format(d) : "" },
            { "Description", key.Description },
            { "KeyId", key.Id.Value },
            { "KeySpec", KeySpecs.Name(key.Spec) },
            { "KeyState", KeyStateMachine.Name(key.State) },
            { "KeyUsage", key.Usage },
            { "LastRotationDate", WireTimestamp.Format(key.LastRotationDate) },
            { "MaterialExpireTime", key.MaterialExpireTime is { } expiry ? WireTimestamp.Format(expiry) : "" },
        };
        if (rotationConfigured)
        {
            metadata.Add("NextRotationDate", key.NextRotationDate is { } next ? WireTimestamp.Format(next) : "");
        }

        metadata.Add("Origin", key.Origin);
        metadata.Add("PrimaryKeyVersion", key.PrimaryVersion.Value);
        metadata.Add("ProtectionLevel", key.ProtectionLevel);
        if (rotationConfigured)
        {
            metadata.Add("RotationInterval", key.RotationInterval is { } interval ? RotationInterval.Format(interval) : "");
        }

        if (includeDeletionProtection)
        {
            metadata.Add("DeletionProtection", key.DeletionProtection ? "Enabled" : "Disabled");
            metadata.Add("DeletionProtectionDescription", key.DeletionProtectionDescription);
        }

        return metadata;
    }
}
