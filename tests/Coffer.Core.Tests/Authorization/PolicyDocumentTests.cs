using Coffer.Core.Accounts;
using Coffer.Core.Authorization;
using Coffer.Core.Errors;

namespace Coffer.Core.Tests.Authorization;

/// <summary>Which documents SetKeyPolicy/SetSecretPolicy/CreateKey accept (single quotes stand for double quotes).</summary>
public sealed class PolicyDocumentTests
{
    private static readonly AccountId Account = new("1");

    public static TheoryData<string, string> Valid => new()
    {
        { "the default key policy", "{'Version':'1','Statement':[{'Effect':'Allow','Principal':{'RAM':['acs:ram::1:root']},'Action':['kms:*'],'Resource':['*']}]}" },
        { "no statements", "{'Version':'1','Statement':[]}" },
        { "one statement as an object, strings not lists", "{'Version':'1','Statement':{'Sid':'s','Effect':'Deny','Principal':'*','Action':'kms:Encrypt','Resource':'*'}}" },
        { "Principal RAM as a string", "{'Version':'1','Statement':[{'Effect':'Allow','Principal':{'RAM':'acs:ram::1:user/alice'},'Action':'kms:*','Resource':'*'}]}" },
        { "Principal as a bare account ID", "{'Version':'1','Statement':[{'Effect':'Allow','Principal':{'RAM':['1234567890123456']},'Action':'kms:*','Resource':'*'}]}" },
        { "NotAction and NotResource", "{'Version':'1','Statement':[{'Effect':'Deny','Principal':'*','NotAction':'kms:Decrypt','NotResource':'acs:kms:*:*:key/k1'}]}" },
        { "every known operator", "{'Version':'1','Statement':[{'Effect':'Allow','Principal':'*','Action':'kms:*','Resource':'*','Condition':{"
            + "'StringEquals':{'kms:EncryptionContext:a':'b'},'StringNotEquals':{'kms:EncryptionContext:a':['b','c']},"
            + "'StringEqualsIgnoreCase':{'kms:EncryptionContext:a':'B'},'StringLike':{'kms:EncryptionContext:a':'b*'},"
            + "'StringNotLike':{'kms:EncryptionContext:a':'?'},'IpAddress':{'acs:SourceIp':['10.0.0.0/8','::1']},"
            + "'NotIpAddress':{'acs:SourceIp':'192.168.0.1'},'DateGreaterThan':{'acs:CurrentTime':'2026-01-01T00:00:00Z'},"
            + "'DateLessThanEquals':{'acs:CurrentTime':'2027-01-01T08:00:00+08:00'},'Bool':{'acs:SecureTransport':true}}}]}" },
        { "unknown operator and key are kept (they never allow)", "{'Version':'1','Statement':[{'Effect':'Allow','Principal':'*','Action':'kms:*','Resource':'*','Condition':{'StringEqualsIfExists':{'acs:SourceVpc':'vpc-1'}}}]}" },
        { "Action *", "{'Version':'1','Statement':[{'Effect':'Deny','Principal':'*','Action':'*','Resource':'*'}]}" },
    };

    public static TheoryData<string, string> Invalid => new()
    {
        { "not JSON", "{'Version':" },
        { "an array", "[]" },
        { "an empty object", "{}" },
        { "Version 2", "{'Version':'2','Statement':[]}" },
        { "Version as a number", "{'Version':1,'Statement':[]}" },
        { "no Statement", "{'Version':'1'}" },
        { "an unknown top-level member", "{'Version':'1','Statement':[],'Pad':'x'}" },
        { "Effect allow in lower case", "{'Version':'1','Statement':[{'Effect':'allow','Principal':'*','Action':'kms:*','Resource':'*'}]}" },
        { "no Effect", "{'Version':'1','Statement':[{'Principal':'*','Action':'kms:*','Resource':'*'}]}" },
        { "no Action", "{'Version':'1','Statement':[{'Effect':'Allow','Principal':'*','Resource':'*'}]}" },
        { "no Resource", "{'Version':'1','Statement':[{'Effect':'Allow','Principal':'*','Action':'kms:*'}]}" },
        { "no Principal in a key policy", "{'Version':'1','Statement':[{'Effect':'Allow','Action':'kms:*','Resource':'*'}]}" },
        { "an action of another service", "{'Version':'1','Statement':[{'Effect':'Allow','Principal':'*','Action':'ecs:*','Resource':'*'}]}" },
        { "a resource that is no ARN", "{'Version':'1','Statement':[{'Effect':'Allow','Principal':'*','Action':'kms:*','Resource':'key/k1'}]}" },
        { "Action and NotAction", "{'Version':'1','Statement':[{'Effect':'Allow','Principal':'*','Action':'kms:*','NotAction':'kms:Decrypt','Resource':'*'}]}" },
        { "a misspelt Condition", "{'Version':'1','Statement':[{'Effect':'Allow','Principal':'*','Action':'kms:*','Resource':'*','Condtion':{}}]}" },
        { "a repeated Effect", "{'Version':'1','Statement':[{'Effect':'Deny','Effect':'Allow','Principal':'*','Action':'kms:*','Resource':'*'}]}" },
        { "an empty Action list", "{'Version':'1','Statement':[{'Effect':'Allow','Principal':'*','Action':[],'Resource':'*'}]}" },
        { "a Principal other than RAM", "{'Version':'1','Statement':[{'Effect':'Allow','Principal':{'Service':['x']},'Action':'kms:*','Resource':'*'}]}" },
        { "a Principal that is no RAM ARN", "{'Version':'1','Statement':[{'Effect':'Allow','Principal':{'RAM':['alice']},'Action':'kms:*','Resource':'*'}]}" },
        { "IpAddress that is no address", "{'Version':'1','Statement':[{'Effect':'Allow','Principal':'*','Action':'kms:*','Resource':'*','Condition':{'IpAddress':{'acs:SourceIp':'10.0.0.0/33'}}}]}" },
        { "a date that is no date", "{'Version':'1','Statement':[{'Effect':'Allow','Principal':'*','Action':'kms:*','Resource':'*','Condition':{'DateLessThan':{'acs:CurrentTime':'tomorrow'}}}]}" },
        { "Bool that is no boolean", "{'Version':'1','Statement':[{'Effect':'Allow','Principal':'*','Action':'kms:*','Resource':'*','Condition':{'Bool':{'acs:SecureTransport':'yes'}}}]}" },
        { "a condition operator that is no object", "{'Version':'1','Statement':[{'Effect':'Allow','Principal':'*','Action':'kms:*','Resource':'*','Condition':{'StringEquals':'x'}}]}" },
        { "a null value", "{'Version':'1','Statement':[{'Effect':'Allow','Principal':'*','Action':null,'Resource':'*'}]}" },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void TryParse_ValidResourcePolicy_Succeeds(string name, string json)
    {
        var ok = PolicyDocument.TryParse(json.Replace('\'', '"'), PolicyKind.Resource, out var document, out var error);

        Assert.True(ok, $"{name}: {error}");
        Assert.Equal(PolicyKind.Resource, document!.Kind);
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void TryParse_InvalidResourcePolicy_FailsWithAReason(string name, string json)
    {
        var ok = PolicyDocument.TryParse(json.Replace('\'', '"'), PolicyKind.Resource, out var document, out var error);

        Assert.False(ok, name);
        Assert.Null(document);
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void TryParse_PrincipalInIdentityPolicy_Fails()
    {
        const string Json = """{"Version":"1","Statement":[{"Effect":"Allow","Principal":"*","Action":"kms:*","Resource":"*"}]}""";

        Assert.False(PolicyDocument.TryParse(Json, PolicyKind.Identity, out _, out _));
        Assert.True(PolicyDocument.TryParse(Json.Replace("\"Principal\":\"*\",", "", StringComparison.Ordinal), PolicyKind.Identity, out _, out _));
    }

    [Fact]
    public void Parse_Invalid_ThrowsInvalidParameterPolicy()
    {
        var e = Assert.Throws<KmsException>(() => PolicyDocument.Parse("{}", PolicyKind.Resource));

        Assert.Equal(KmsErrorCode.InvalidParameter, e.Code);
        Assert.Equal("Policy", e.Detail);
    }

    [Fact]
    public void PolicyCache_SameText_ParsesOnce()
    {
        var cache = new PolicyCache();
        const string Json = """{"Version":"1","Statement":[]}""";

        Assert.Same(cache.ResourcePolicy(Json, Account), cache.ResourcePolicy(new string(Json.AsSpan()), Account));
        Assert.Same(cache.ResourcePolicy(null, Account), cache.ResourcePolicy(null, Account));
        Assert.Equal(1, cache.ResourcePolicy(null, Account).StatementCount);
        Assert.Equal(0, cache.ResourcePolicy("{}", Account).StatementCount);
    }
}
