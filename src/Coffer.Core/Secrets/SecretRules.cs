using System.Text;
using System.Text.Json;
using Coffer.Core.Errors;

namespace Coffer.Core.Secrets;

/// <summary>Secret names, version ids, values, stages and the limits of DECISIONS.md's Secrets section.</summary>
public static class SecretRules
{
    /// <summary>The only secret type Coffer holds.</summary>
    public const string Generic = "Generic";

    /// <summary>The stage of the current version.</summary>
    public const string Current = "ACSCurrent";

    /// <summary>The stage of the version that was current before.</summary>
    public const string Previous = "ACSPrevious";

    /// <summary>Resource type of secrets in ARNs and tag calls.</summary>
    public const string ResourceType = "secret";

    /// <summary>Longest secret name.</summary>
    public const int MaxNameLength = 192;

    /// <summary>Longest VersionId.</summary>
    public const int MaxVersionIdLength = 64;

    /// <summary>Largest SecretData in UTF-8 bytes.</summary>
    public const int MaxDataBytes = 30_720;

    /// <summary>Most versions a secret keeps.</summary>
    public const int MaxVersions = 10;

    /// <summary>Most distinct stage labels on one secret.</summary>
    public const int MaxStages = 8;

    /// <summary>Longest stage label.</summary>
    public const int MaxStageLength = 64;

    /// <summary>Managed types Coffer has no backend for: refused with Rejected.UnsupportedOperation.</summary>
    public static readonly IReadOnlySet<string> ManagedTypes = new HashSet<string>(StringComparer.Ordinal) { "Rds", "Redis", "RAMCredentials", "ECS", "PolarDB" };

    /// <summary>Checks a new secret's name: 1–192 characters of <c>[A-Za-z0-9/_+=.@-]</c>, not starting <c>acs/</c>.</summary>
    /// <exception cref="KmsException">InvalidParameter SecretName.</exception>
    public static void CheckName(string name)
    {
        if (name.Length is 0 or > MaxNameLength
            || name.StartsWith("acs/", StringComparison.Ordinal)
            || !name.All(c => char.IsAsciiLetterOrDigit(c) || "/_+=.@-".Contains(c, StringComparison.Ordinal)))
        {
            throw KmsException.Invalid("SecretName");
        }
    }

    /// <summary>Checks a VersionId: 1–64 printable ASCII characters.</summary>
    /// <exception cref="KmsException">InvalidParameter VersionId.</exception>
    public static void CheckVersionId(string versionId, string parameter = "VersionId")
    {
        if (versionId.Length is 0 or > MaxVersionIdLength || !versionId.All(c => c is > ' ' and < '\u007f'))
        {
            throw KmsException.Invalid(parameter);
        }
    }

    /// <summary>Checks SecretData and SecretDataType; returns the data type (<c>text</c> by default).</summary>
    /// <exception cref="KmsException">InvalidParameter SecretData or SecretDataType.</exception>
    public static string CheckData(string data, string? dataType)
    {
        if (Encoding.UTF8.GetByteCount(data) > MaxDataBytes)
        {
            throw KmsException.Invalid("SecretData");
        }

        return dataType switch
        {
            null or "text" => "text",
            "binary" => "binary",
            _ => throw KmsException.Invalid("SecretDataType"),
        };
    }

    /// <summary>Checks a stage label: 1–64 printable ASCII characters.</summary>
    /// <exception cref="KmsException">InvalidParameter naming <paramref name="parameter"/>.</exception>
    public static void CheckStage(string stage, string parameter)
    {
        if (stage.Length is 0 or > MaxStageLength || !stage.All(c => c is > ' ' and < '\u007f'))
        {
            throw KmsException.Invalid(parameter);
        }
    }

    /// <summary>Distinct stage labels across <paramref name="versions"/>.</summary>
    public static int StageCount(IEnumerable<SecretVersion> versions) => versions.SelectMany(v => v.Stages).Distinct(StringComparer.Ordinal).Count();

    /// <summary>Checks a RecoveryWindowInDays (7–30, default 30).</summary>
    /// <exception cref="KmsException">InvalidParameter RecoveryWindowInDays.</exception>
    public static int RecoveryWindow(int? days) => days switch
    {
        null => 30,
        >= 7 and <= 30 => days.Value,
        _ => throw KmsException.Invalid("RecoveryWindowInDays"),
    };

    /// <summary>
    /// Parses VersionStages: a JSON array <c>["ACSCurrent"]</c> (current docs) or <c>{"VersionStage":[...]}</c>
    /// (2021 docs); distinct labels, at least one.
    /// </summary>
    /// <exception cref="KmsException">InvalidParameter naming <paramref name="parameter"/>.</exception>
    public static IReadOnlyList<string> ParseStages(string json, string parameter)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var array = document.RootElement;
            if (array.ValueKind == JsonValueKind.Object)
            {
                if (!array.TryGetProperty("VersionStage", out array))
                {
                    throw KmsException.Invalid(parameter);
                }
            }

            if (array.ValueKind != JsonValueKind.Array || array.GetArrayLength() == 0)
            {
                throw KmsException.Invalid(parameter);
            }

            var stages = new List<string>();
            foreach (var item in array.EnumerateArray())
            {
                var stage = item.ValueKind == JsonValueKind.String ? item.GetString()! : throw KmsException.Invalid(parameter);
                CheckStage(stage, parameter);
                if (!stages.Contains(stage, StringComparer.Ordinal))
                {
                    stages.Add(stage);
                }
            }

            return stages;
        }
        catch (JsonException)
        {
            throw KmsException.Invalid(parameter);
        }
    }
}
