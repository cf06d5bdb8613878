using System.Globalization;
using System.Text.Json;
using Coffer.Testing;

namespace Coffer.Server.Tests.Actions;

/// <summary>Calls and answers shared by the lifecycle, policy, version and rotation action tests.</summary>
internal static class KeyLifecycleCalls
{
    public const string StateModifiedFailedMessage = "Keystate modified failed.";

    public const string PendingDeletionMessage = "The request was rejected because the key state is PendingDeletion.";

    public const string DisabledMessage = "The request was rejected because the key state is Disabled.";

    /// <summary>A 200 whose body is the RequestId alone.</summary>
    public static void RequestIdOnly(CofferResponse response) =>
        Assert.Equal(["RequestId"], Expect.Ok(response).EnumerateObject().Select(p => p.Name));

    public static void StateModifiedFailed(CofferResponse response) =>
        Expect.Error(response, "Rejected.StateModifiedFailed", 409, StateModifiedFailedMessage);

    public static void PendingDeletion(CofferResponse response) =>
        Expect.Error(response, "Rejected.PendingDeletion", 409, PendingDeletionMessage);

    public static void Disabled(CofferResponse response) => Expect.Error(response, "Rejected.Disabled", 409, DisabledMessage);

    public static void UnsupportedAlias(CofferResponse response) =>
        Expect.Error(response, "Unsupported.Alias", 400, "Alias is not valid for this api.");

    /// <summary>The key's ARN in the test server's region.</summary>
    public static string KeyArn(this CofferApplicationFactory factory, string keyId) => $"acs:kms:cn-hangzhou:{factory.AccountId}:key/{keyId}";

    /// <summary>DescribeKey; returns KeyMetadata.</summary>
    public static async Task<JsonElement> DescribeAsync(this SigningClient client, string keyId) =>
        Expect.Ok(await client.CallAsync("DescribeKey", Params.Of(("KeyId", keyId)))).GetProperty("KeyMetadata");

    /// <summary>A key in PendingDeletion (7-day window).</summary>
    public static async Task<string> PendingDeletionKeyAsync(this SigningClient client)
    {
        var keyId = await client.CreateKeyAsync();
        RequestIdOnly(await client.CallAsync("ScheduleKeyDeletion", Params.Of(("KeyId", keyId), ("PendingWindowInDays", "7"))));
        return keyId;
    }

    /// <summary>A Disabled key.</summary>
    public static async Task<string> DisabledKeyAsync(this SigningClient client)
    {
        var keyId = await client.CreateKeyAsync();
        RequestIdOnly(await client.CallAsync("DisableKey", Params.Of(("KeyId", keyId))));
        return keyId;
    }

    /// <summary>Parses a wire time.</summary>
    public static DateTimeOffset Time(JsonElement element, string name) => KeyMetadataAssert.Time(element.GetProperty(name).GetString()!);

    public static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
