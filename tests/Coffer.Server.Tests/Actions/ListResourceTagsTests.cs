namespace Coffer.Server.Tests.Actions;

public sealed class ListResourceTagsTests(CofferApplicationFactory factory) : IClassFixture<CofferApplicationFactory>
{
    [Fact]
    public async Task ListResourceTags_TaggedKey_TagsWithKeyIdTagKeyTagValueByTagKey()
    {
        var keyId = await factory.Client.CreateKeyAsync();
        await factory.Client.TagKeyAsync(keyId, ("z", "1"), ("a", "2"));

        var json = Expect.Ok(await factory.Client.CallAsync(
            "ListResourceTags", Params.Of(("KeyId", $"acs:kms:cn-hangzhou:{factory.AccountId}:key/{keyId}"))));

        Assert.Equal(["RequestId", "Tags"], json.EnumerateObject().Select(p => p.Name));
        var tags = json.Items("Tags", "Tag");
        Assert.All(tags, t => Assert.Equal(["KeyId", "TagKey", "TagValue"], t.EnumerateObject().Select(p => p.Name)));
        Assert.Equal(
            [(keyId, "a", "2"), (keyId, "z", "1")],
            tags.Select(t => (t.GetProperty("KeyId").GetString(), t.GetProperty("TagKey").GetString(), t.GetProperty("TagValue").GetString())));
    }

    [Fact]
    public async Task ListResourceTags_NoTags_EmptyWrappedListInJsonAndXml()
    {
        var keyId = await factory.Client.CreateKeyAsync();

        var json = await factory.Client.CallAsync("ListResourceTags", Params.Of(("KeyId", keyId)));
        var xml = await factory.Client.CallAsync("ListResourceTags", Params.Of(("KeyId", keyId), ("Format", "XML")));

        Assert.Contains("\"Tags\":{\"Tag\":[]}", json.Text, StringComparison.Ordinal);
        Assert.Contains("<Tags></Tags>", xml.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListResourceTags_KeyPendingDeletion_StillLists()
    {
        var keyId = await factory.Client.CreateKeyAsync();
        await factory.Client.TagKeyAsync(keyId, ("a", "1"));
        await factory.Client.ScheduleKeyDeletionAsync(keyId);

        Assert.Single(await factory.Client.TagsOfAsync(keyId));
    }

    [Fact]
    public async Task ListResourceTags_Errors_MissingUnknownAndAlias()
    {
        Expect.MissingParameter(await factory.Client.CallAsync("ListResourceTags"), "KeyId");
        Expect.KeyNotFound(await factory.Client.CallAsync("ListResourceTags", Params.Of(("KeyId", Guid.NewGuid().ToString()))));
        Expect.Error(
            await factory.Client.CallAsync("ListResourceTags", Params.Of(("KeyId", "alias/x"))), "Unsupported.Alias", 400, "Alias is not valid for this api.");
    }
}
