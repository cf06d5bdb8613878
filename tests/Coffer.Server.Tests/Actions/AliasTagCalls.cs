using System.Text.Json;
using Coffer.Testing;

namespace Coffer.Server.Tests.Actions;

/// <summary>Intent calls the alias, tag and ReEncrypt tests share; each asserts its call succeeded.</summary>
internal static class AliasTagCalls
{
    public const string LimitExceededMessage = "The request was rejected because user create resource limit was exceeded.";

    public static async Task CreateAliasAsync(this SigningClient client, string aliasName, string keyId) =>
        Expect.Ok(await client.CallAsync("CreateAlias", Params.Of(("AliasName", aliasName), ("KeyId", keyId))));

    public static async Task DisableKeyAsync(this SigningClient client, string keyId) =>
        Expect.Ok(await client.CallAsync("DisableKey", Params.Of(("KeyId", keyId))));

    public static async Task ScheduleKeyDeletionAsync(this SigningClient client, string keyId) =>
        Expect.Ok(await client.CallAsync("ScheduleKeyDeletion", Params.Of(("KeyId", keyId), ("PendingWindowInDays", "7"))));

    /// <summary>TagResources on one key with <c>Tag.N.Key</c>/<c>Tag.N.Value</c>.</summary>
    public static async Task TagKeyAsync(this SigningClient client, string keyId, params (string Key, string Value)[] tags)
    {
        var parameters = Params.Of(("ResourceId.1", keyId), ("ResourceType", "key"));
        for (var i = 0; i < tags.Length; i++)
        {
            parameters[$"Tag.{i + 1}.Key"] = tags[i].Key;
            parameters[$"Tag.{i + 1}.Value"] = tags[i].Value;
        }

        Expect.Ok(await client.CallAsync("TagResources", parameters));
    }

    /// <summary>The key's tags as (TagKey, TagValue), through ListResourceTags.</summary>
    public static async Task<IReadOnlyList<(string Key, string Value)>> TagsOfAsync(this SigningClient client, string keyId)
    {
        var json = Expect.Ok(await client.CallAsync("ListResourceTags", Params.Of(("KeyId", keyId))));
        return json.GetProperty("Tags").GetProperty("Tag").EnumerateArray()
            .Select(t => (t.GetProperty("TagKey").GetString()!, t.GetProperty("TagValue").GetString()!))
            .ToList();
    }

    /// <summary>The items of a wrapped list <c>{"Field":{"Item":[...]}}</c>.</summary>
    public static IReadOnlyList<JsonElement> Items(this JsonElement body, string field, string item) =>
        [.. body.GetProperty(field).GetProperty(item).EnumerateArray()];
}
