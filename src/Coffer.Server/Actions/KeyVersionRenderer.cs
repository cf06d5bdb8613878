using Coffer.Core.Keys;
using Coffer.Protocol.Requests;
using Coffer.Server.Rendering;

namespace Coffer.Server.Actions;

/// <summary>The KeyVersion object of CreateKeyVersion, DescribeKeyVersion and ListKeyVersions.</summary>
public static class KeyVersionRenderer
{
    /// <summary>Builds <c>{CreationDate, KeyId, KeyVersionId}</c>.</summary>
    public static ResponseObject Render(KeyVersion version) => new()
    {
        { "CreationDate", WireTimestamp.Format(version.CreationDate) },
        { "KeyId", version.KeyId.Value },
        { "KeyVersionId", version.Id.Value },
    };
}
