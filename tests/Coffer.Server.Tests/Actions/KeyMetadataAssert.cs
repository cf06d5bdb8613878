using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Coffer.Server.Tests.Actions;

/// <summary>DECISIONS.md "Responses": the fields KeyMetadata always carries, and their shapes.</summary>
internal static partial class KeyMetadataAssert
{
    private static readonly string[] AlwaysPresent =
    [
        "Arn", "AutomaticRotation", "CreationDate", "Creator", "DeleteDate", "Description", "KeyId", "KeySpec", "KeyState",
        "KeyUsage", "LastRotationDate", "MaterialExpireTime", "Origin", "PrimaryKeyVersion", "ProtectionLevel",
    ];

    /// <summary>
    /// A freshly created symmetric key: every field present (DescribeKey adds DeletionProtection), no rotation fields,
    /// and the values a new key has.
    /// </summary>
    public static void NewSymmetricKey(
        JsonElement metadata, CofferApplicationFactory factory, string keySpec, string description, bool describeKey)
    {
        var expected = describeKey ? [.. AlwaysPresent, "DeletionProtection", "DeletionProtectionDescription"] : AlwaysPresent;
        Assert.Equal(expected.Order(StringComparer.Ordinal), metadata.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.All(metadata.EnumerateObject(), p => Assert.Equal(JsonValueKind.String, p.Value.ValueKind));
        var keyId = metadata.GetProperty("KeyId").GetString()!;
        Assert.Matches(LowerGuid(), keyId);
        Assert.Equal($"acs:kms:cn-hangzhou:{factory.AccountId}:key/{keyId}", metadata.GetProperty("Arn").GetString());
        Assert.Equal("Disabled", metadata.GetProperty("AutomaticRotation").GetString());
        var created = Time(metadata.GetProperty("CreationDate").GetString()!);
        Assert.InRange(created, TimeProvider.System.GetUtcNow().AddMinutes(-5), TimeProvider.System.GetUtcNow().AddMinutes(1));
        Assert.Equal(factory.AccountId, metadata.GetProperty("Creator").GetString());
        Assert.Equal("", metadata.GetProperty("DeleteDate").GetString());
        Assert.Equal(description, metadata.GetProperty("Description").GetString());
        Assert.Equal(keySpec, metadata.GetProperty("KeySpec").GetString());
        Assert.Equal("Enabled", metadata.GetProperty("KeyState").GetString());
        Assert.Equal("ENCRYPT/DECRYPT", metadata.GetProperty("KeyUsage").GetString());
        Assert.Equal(metadata.GetProperty("CreationDate").GetString(), metadata.GetProperty("LastRotationDate").GetString());
        Assert.Equal("", metadata.GetProperty("MaterialExpireTime").GetString());
        Assert.Equal("Aliyun_KMS", metadata.GetProperty("Origin").GetString());
        Assert.Matches(LowerGuid(), metadata.GetProperty("PrimaryKeyVersion").GetString()!);
        Assert.Equal("SOFTWARE", metadata.GetProperty("ProtectionLevel").GetString());
        if (describeKey)
        {
            Assert.Equal("Disabled", metadata.GetProperty("DeletionProtection").GetString());
            Assert.Equal("", metadata.GetProperty("DeletionProtectionDescription").GetString());
        }
    }

    /// <summary>Parses a wire time, which must be UTC <c>yyyy-MM-ddTHH:mm:ssZ</c>.</summary>
    public static DateTimeOffset Time(string text)
    {
        Assert.Matches(WireTime(), text);
        return DateTimeOffset.ParseExact(text, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
    }

    [GeneratedRegex("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    public static partial Regex LowerGuid();

    [GeneratedRegex("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$")]
    private static partial Regex WireTime();
}
