using Coffer.Core;
using Coffer.Core.Keys;
using Coffer.Protocol.Requests;
using Coffer.Server.Rendering;

namespace Coffer.Server.Actions;

/// <summary>The KeyMetadata object of CreateKey and DescribeKey, with every field DECISIONS.md lists.</summary>
public static class KeyMetadataRenderer
{
    /// <summary>Builds KeyMetadata; DescribeKey adds DeletionProtection.</summary>
    public static ResponseObject Render(Key key, KmsOptions options, bool includeDeletionProtection)
    {
        var metadata = new ResponseObject
        {
            { "Arn", KeyArns.ForKey(options.Region, key.Account, key.Id) },
            { "AutomaticRotation", "Disabled" },
            { "CreationDate", WireTimestamp.Format(key.CreationDate) },
            { "Creator", key.Account.Value },
            { "DeleteDate", key.DeleteDate is { } d ? WireTimestamp.Format(d) : "" },
            { "Description", key.Description },
            { "KeyId", key.Id.Value },
            { "KeySpec", KeySpecs.Name(key.Spec) },
            { "KeyState", KeyStateMachine.Name(key.State) },
            { "KeyUsage", key.Usage },
            { "LastRotationDate", WireTimestamp.Format(key.LastRotationDate) },
            { "MaterialExpireTime", "" },
            { "Origin", key.Origin },
            { "PrimaryKeyVersion", key.PrimaryVersion.Value },
            { "ProtectionLevel", key.ProtectionLevel },
        };
        if (includeDeletionProtection)
        {
            metadata.Add("DeletionProtection", key.DeletionProtection ? "Enabled" : "Disabled");
        }

        return metadata;
    }
}
