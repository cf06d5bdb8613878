using Coffer.Core.Operations;
using Coffer.Core.Tags;
using Coffer.Protocol.Requests;
using Coffer.Server.Rendering;

namespace Coffer.Server.Actions;

/// <summary>Shared pieces of the secret responses: times, stages, tags and the value body.</summary>
internal static class SecretRenderer
{
    /// <summary>Generic secrets never rotate.</summary>
    public const string RotationDisabled = "Disabled";

    public static string Time(DateTimeOffset? t) => t is { } value ? WireTimestamp.Format(value) : "";

    public static ResponseList Stages(IReadOnlyList<string> stages) => new("VersionStage", stages.Cast<object>().ToList());

    public static ResponseList Tags(IReadOnlyList<Tag> tags) => new(
        "Tag",
        tags.Select(t => (object)new ResponseObject { { "TagKey", t.Key }, { "TagValue", t.Value } }).ToList());

    /// <summary>The body of GetSecretValue and one item of BatchGetSecretValue's SecretValues.</summary>
    public static ResponseObject Value(SecretValueResult result, bool fetchExtendedConfig)
    {
        var body = new ResponseObject
        {
            { "AutomaticRotation", RotationDisabled },
            { "CreateTime", Time(result.Version.CreateTime) },
        };
        if (fetchExtendedConfig)
        {
            body.Add("ExtendedConfig", "");
        }

        body.Add("SecretData", result.SecretData);
        body.Add("SecretDataType", result.Version.DataType);
        body.Add("SecretName", result.Secret.Name);
        body.Add("SecretType", result.Secret.SecretType);
        body.Add("VersionId", result.Version.VersionId);
        body.Add("VersionStages", Stages(result.Version.Stages));
        return body;
    }
}
