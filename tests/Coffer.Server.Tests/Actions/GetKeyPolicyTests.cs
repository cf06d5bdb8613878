using static Coffer.Server.Tests.Actions.KeyLifecycleCalls;

namespace Coffer.Server.Tests.Actions;

public sealed class GetKeyPolicyTests(CofferApplicationFactory factory) : IClassFixture<CofferApplicationFactory>
{
    private string DefaultPolicy =>
        "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"RAM\":[\"acs:ram::" + factory.AccountId +
        ":root\"]},\"Action\":[\"kms:*\"],\"Resource\":[\"*\"]}]}";

    [Fact]
    public async Task GetKeyPolicy_NoStoredPolicy_ReturnsTheDefaultPolicy()
    {
        var keyId = await factory.Client.CreateKeyAsync();

        var response = await factory.Client.CallAsync("GetKeyPolicy", Params.Of(("KeyId", keyId)));

        var json = Expect.Ok(response);
        Assert.Equal(["RequestId", "Policy"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(DefaultPolicy, json.GetProperty("Policy").GetString());
    }

    [Fact]
    public async Task GetKeyPolicy_PolicyNameDefault_ReturnsThePolicy()
    {
        var keyId = await factory.Client.CreateKeyAsync();

        var response = await factory.Client.CallAsync("GetKeyPolicy", Params.Of(("KeyId", keyId), ("PolicyName", "default")));

        Assert.Equal(DefaultPolicy, Expect.Ok(response).GetProperty("Policy").GetString());
    }

    [Fact]
    public async Task GetKeyPolicy_StoredPolicy_ReturnsItVerbatim()
    {
        const string Policy = "{ \"Version\" : \"1\", \"Statement\": [ {\"Effect\":\"Deny\",\"Principal\":{\"RAM\":[\"*\"]},\"Action\":[\"kms:Decrypt\"],\"Resource\":[\"*\"]} ] }";
        var keyId = await factory.Client.CreateKeyAsync();
        RequestIdOnly(await factory.Client.CallAsync("SetKeyPolicy", Params.Of(("KeyId", keyId), ("Policy", Policy))));

        var response = await factory.Client.CallAsync("GetKeyPolicy", Params.Of(("KeyId", keyId)));

        Assert.Equal(Policy, Expect.Ok(response).GetProperty("Policy").GetString());
    }

    [Fact]
    public async Task GetKeyPolicy_PendingDeletionKey_ReturnsThePolicy()
    {
        var keyId = await factory.Client.PendingDeletionKeyAsync();

        var response = await factory.Client.CallAsync("GetKeyPolicy", Params.Of(("KeyId", keyId)));

        Assert.Equal(DefaultPolicy, Expect.Ok(response).GetProperty("Policy").GetString());
    }

    [Fact]
    public async Task GetKeyPolicy_KeyArn_ReturnsThePolicy()
    {
        var keyId = await factory.Client.CreateKeyAsync();

        var response = await factory.Client.CallAsync("GetKeyPolicy", Params.Of(("KeyId", factory.KeyArn(keyId))));

        Assert.Equal(DefaultPolicy, Expect.Ok(response).GetProperty("Policy").GetString());
    }

    [Theory]
    [InlineData("other")]
    [InlineData("Default")]
    public async Task GetKeyPolicy_PolicyNameOtherThanDefault_ReturnsResourceNotFound(string policyName)
    {
        var keyId = await factory.Client.CreateKeyAsync();

        var response = await factory.Client.CallAsync("GetKeyPolicy", Params.Of(("KeyId", keyId), ("PolicyName", policyName)));

        Expect.Error(response, "Forbidden.ResourceNotFound", 404, "The specified resource is not found.");
    }

    [Fact]
    public async Task GetKeyPolicy_UnknownAlias_ReturnsAliasNotFound()
    {
        Expect.AliasNotFound(await factory.Client.CallAsync("GetKeyPolicy", Params.Of(("KeyId", "alias/no-such-alias"))));
    }

    [Fact]
    public async Task GetKeyPolicy_UnknownKey_ReturnsKeyNotFound()
    {
        Expect.KeyNotFound(await factory.Client.CallAsync("GetKeyPolicy", Params.Of(("KeyId", Guid.NewGuid().ToString()))));
    }

    [Fact]
    public async Task GetKeyPolicy_NoKeyId_ReturnsMissingParameterKeyId()
    {
        Expect.MissingParameter(await factory.Client.CallAsync("GetKeyPolicy"), "KeyId");
    }

    [Theory]
    [InlineData("alias/{0}")]
    [InlineData("acs:kms:cn-hangzhou:{1}:alias/{0}")]
    public async Task GetKeyPolicy_AliasForms_ResolveToTheKey(string template)
    {
        var keyId = await factory.Client.CreateKeyAsync();
        var name = "policy-" + Guid.NewGuid().ToString("N");
        await factory.Client.CreateAliasAsync("alias/" + name, keyId);
        var policy = "{\"Version\":\"1\",\"Statement\":[{\"Sid\":\"" + name + "\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"kms:*\",\"Resource\":\"*\"}]}";
        RequestIdOnly(await factory.Client.CallAsync("SetKeyPolicy", Params.Of(("KeyId", keyId), ("Policy", policy))));
        var reference = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, name, factory.AccountId);

        var response = await factory.Client.CallAsync("GetKeyPolicy", Params.Of(("KeyId", reference)));

        Assert.Equal(policy, Expect.Ok(response).GetProperty("Policy").GetString());
    }
}
