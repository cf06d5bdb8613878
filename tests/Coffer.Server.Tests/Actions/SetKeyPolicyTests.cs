using System.Text;
using static Coffer.Server.Tests.Actions.KeyLifecycleCalls;

namespace Coffer.Server.Tests.Actions;

public sealed class SetKeyPolicyTests(CofferApplicationFactory factory) : IClassFixture<CofferApplicationFactory>
{
    private const string EmptyPolicy = "{\"Version\":\"1\",\"Statement\":[]}";
    private const string Policy = "{\"Version\":\"1\",\"Statement\":[{\"Sid\":\"s\",\"Effect\":\"Allow\",\"Principal\":{\"RAM\":[\"acs:ram::1:root\"]},\"Action\":[\"kms:*\"],\"Resource\":[\"*\"]}]}";

    [Fact]
    public async Task SetKeyPolicy_ValidPolicy_IsStoredVerbatim()
    {
        var keyId = await factory.Client.CreateKeyAsync();

        var response = await factory.Client.CallAsync("SetKeyPolicy", Params.Of(("KeyId", keyId), ("Policy", Policy), ("PolicyName", "default")));

        RequestIdOnly(response);
        Assert.Equal(Policy, Expect.Ok(await factory.Client.CallAsync("GetKeyPolicy", Params.Of(("KeyId", keyId)))).GetProperty("Policy").GetString());
    }

    [Fact]
    public async Task SetKeyPolicy_SecondPolicy_ReplacesTheFirst()
    {
        var keyId = await factory.Client.CreateKeyAsync();
        RequestIdOnly(await factory.Client.CallAsync("SetKeyPolicy", Params.Of(("KeyId", keyId), ("Policy", Policy))));

        RequestIdOnly(await factory.Client.CallAsync("SetKeyPolicy", Params.Of(("KeyId", keyId), ("Policy", EmptyPolicy))));

        Assert.Equal(EmptyPolicy, Expect.Ok(await factory.Client.CallAsync("GetKeyPolicy", Params.Of(("KeyId", keyId)))).GetProperty("Policy").GetString());
    }

    [Fact]
    public async Task SetKeyPolicy_DisabledKeyByArn_IsStored()
    {
        var keyId = await factory.Client.DisabledKeyAsync();

        RequestIdOnly(await factory.Client.CallAsync("SetKeyPolicy", Params.Of(("KeyId", factory.KeyArn(keyId)), ("Policy", Policy))));

        Assert.Equal(Policy, Expect.Ok(await factory.Client.CallAsync("GetKeyPolicy", Params.Of(("KeyId", keyId)))).GetProperty("Policy").GetString());
    }

    [Fact]
    public async Task SetKeyPolicy_Of32768Bytes_IsAccepted()
    {
        var keyId = await factory.Client.CreateKeyAsync();
        var policy = PolicyOfBytes(32_768);

        var response = await factory.Client.CallAsync("SetKeyPolicy", Params.Of(("KeyId", keyId), ("Policy", policy)), Testing.WirePlacement.PostForm);

        RequestIdOnly(response);
    }

    [Fact]
    public async Task SetKeyPolicy_Over32768Bytes_ReturnsInvalidParameterPolicy()
    {
        var keyId = await factory.Client.CreateKeyAsync();

        var response = await factory.Client.CallAsync(
            "SetKeyPolicy", Params.Of(("KeyId", keyId), ("Policy", PolicyOfBytes(32_769))), Testing.WirePlacement.PostForm);

        Expect.InvalidParameter(response, "Policy");
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    [InlineData("null")]
    [InlineData("{\"Version\":")]
    [InlineData("{} {}")]
    [InlineData("{}")]
    [InlineData("{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"kms:*\",\"Resource\":\"*\"}]}")]
    [InlineData("{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Permit\",\"Principal\":\"*\",\"Action\":\"kms:*\",\"Resource\":\"*\"}]}")]
    public async Task SetKeyPolicy_NotAValidPolicy_ReturnsInvalidParameterPolicy(string policy)
    {
        var keyId = await factory.Client.CreateKeyAsync();

        var response = await factory.Client.CallAsync("SetKeyPolicy", Params.Of(("KeyId", keyId), ("Policy", policy)));

        Expect.InvalidParameter(response, "Policy");
    }

    [Fact]
    public async Task SetKeyPolicy_PendingDeletionKey_ReturnsRejectedPendingDeletion()
    {
        var keyId = await factory.Client.PendingDeletionKeyAsync();

        PendingDeletion(await factory.Client.CallAsync("SetKeyPolicy", Params.Of(("KeyId", keyId), ("Policy", Policy))));
    }

    [Fact]
    public async Task SetKeyPolicy_PolicyNameOtherThanDefault_ReturnsResourceNotFound()
    {
        var keyId = await factory.Client.CreateKeyAsync();

        var response = await factory.Client.CallAsync("SetKeyPolicy", Params.Of(("KeyId", keyId), ("Policy", Policy), ("PolicyName", "custom")));

        Expect.Error(response, "Forbidden.ResourceNotFound", 404, "The specified resource is not found.");
    }

    [Fact]
    public async Task SetKeyPolicy_NoPolicy_ReturnsMissingParameterPolicy()
    {
        var keyId = await factory.Client.CreateKeyAsync();

        Expect.MissingParameter(await factory.Client.CallAsync("SetKeyPolicy", Params.Of(("KeyId", keyId))), "Policy");
    }

    [Fact]
    public async Task SetKeyPolicy_NothingGiven_NamesKeyIdFirst()
    {
        Expect.MissingParameter(await factory.Client.CallAsync("SetKeyPolicy"), "KeyId");
    }

    [Fact]
    public async Task SetKeyPolicy_UnknownAlias_ReturnsAliasNotFound()
    {
        Expect.AliasNotFound(await factory.Client.CallAsync("SetKeyPolicy", Params.Of(("KeyId", "alias/no-such-alias"), ("Policy", Policy))));
    }

    [Fact]
    public async Task SetKeyPolicy_UnknownKeyWithBadPolicy_ReturnsInvalidParameterBeforeKeyNotFound()
    {
        var response = await factory.Client.CallAsync("SetKeyPolicy", Params.Of(("KeyId", Guid.NewGuid().ToString()), ("Policy", "[]")));

        Expect.InvalidParameter(response, "Policy");
    }

    [Fact]
    public async Task SetKeyPolicy_UnknownKey_ReturnsKeyNotFound()
    {
        Expect.KeyNotFound(await factory.Client.CallAsync("SetKeyPolicy", Params.Of(("KeyId", Guid.NewGuid().ToString()), ("Policy", Policy))));
    }

    /// <summary>A valid policy of exactly <paramref name="bytes"/> UTF-8 bytes, with multi-byte characters so bytes and characters differ.</summary>
    private static string PolicyOfBytes(int bytes)
    {
        const string Tail = "\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"kms:*\",\"Resource\":\"*\"}]}";
        var builder = new StringBuilder("{\"Version\":\"1\",\"Statement\":[{\"Sid\":\"");
        while (Encoding.UTF8.GetByteCount(builder.ToString()) + Tail.Length + 3 <= bytes)
        {
            builder.Append('é');
        }

        while (Encoding.UTF8.GetByteCount(builder.ToString()) + Tail.Length < bytes)
        {
            builder.Append('a');
        }

        var policy = builder.Append(Tail).ToString();
        Assert.Equal(bytes, Encoding.UTF8.GetByteCount(policy));
        return policy;
    }

    [Theory]
    [InlineData("alias/{0}")]
    [InlineData("acs:kms:cn-hangzhou:{1}:alias/{0}")]
    public async Task SetKeyPolicy_AliasForms_ResolveToTheKey(string template)
    {
        var keyId = await factory.Client.CreateKeyAsync();
        var name = "policy-" + Guid.NewGuid().ToString("N");
        await factory.Client.CreateAliasAsync("alias/" + name, keyId);
        var reference = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, name, factory.AccountId);

        RequestIdOnly(await factory.Client.CallAsync("SetKeyPolicy", Params.Of(("KeyId", reference), ("Policy", Policy))));

        Assert.Equal(Policy, Expect.Ok(await factory.Client.CallAsync("GetKeyPolicy", Params.Of(("KeyId", keyId)))).GetProperty("Policy").GetString());
    }
}
