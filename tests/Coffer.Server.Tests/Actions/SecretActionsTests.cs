using System.Text.Json;

namespace Coffer.Server.Tests.Actions;

/// <summary>The Secrets Manager actions end to end on real Kestrel: shapes, errors and the order of checks.</summary>
public sealed class SecretActionsTests(CofferApplicationFactory factory) : IClassFixture<CofferApplicationFactory>
{
    private const string Declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
    private const string NotFoundMessage = "The specified resource is not found.";

    [Fact]
    public async Task CreateSecret_Generic_EveryResponseFieldInOrder()
    {
        var name = NewName();

        var json = Expect.Ok(await factory.Client.CallAsync(
            "CreateSecret", Params.Of(("SecretName", name), ("SecretData", "hunter2"), ("VersionId", "v1"), ("Description", "d"))));

        Assert.Equal(
            ["RequestId", "Arn", "AutomaticRotation", "DKMSInstanceId", "ExtendedConfig", "SecretName", "SecretType", "VersionId"],
            json.EnumerateObject().Select(p => p.Name));
        Assert.Equal($"acs:kms:cn-hangzhou:{factory.AccountId}:secret/{name}", json.GetProperty("Arn").GetString());
        Assert.Equal("Disabled", json.GetProperty("AutomaticRotation").GetString());
        Assert.Equal("Generic", json.GetProperty("SecretType").GetString());
        Assert.Equal("v1", json.GetProperty("VersionId").GetString());
    }

    [Theory]
    [InlineData("SecretData")]
    [InlineData("SecretName")]
    [InlineData("VersionId")]
    public async Task CreateSecret_RequiredParameterAbsent_ReturnsMissingParameterNamingIt(string parameter)
    {
        var parameters = Params.Of(("SecretName", NewName()), ("SecretData", "x"), ("VersionId", "v1"));
        parameters.Remove(parameter);

        Expect.MissingParameter(await factory.Client.CallAsync("CreateSecret", parameters), parameter);
    }

    [Fact]
    public async Task CreateSecret_TakenName_Returns409ResourceExist()
    {
        var name = await CreateAsync("one");

        var response = await factory.Client.CallAsync("CreateSecret", Params.Of(("SecretName", name), ("SecretData", "x"), ("VersionId", "v2")));

        Expect.Error(response, "Rejected.ResourceExist", 409, "The request was rejected because the resource already exists.");
    }

    [Fact]
    public async Task CreateSecret_DKMSInstanceId_ReturnsInvalidParameterAndCreatesNothing()
    {
        var name = NewName();

        var response = await factory.Client.CallAsync(
            "CreateSecret", Params.Of(("SecretName", name), ("SecretData", "x"), ("VersionId", "v1"), ("DKMSInstanceId", "kst-1")));

        Expect.InvalidParameter(response, "DKMSInstanceId");
        Expect.Error(await factory.Client.CallAsync("DescribeSecret", Params.Of(("SecretName", name))), "Forbidden.ResourceNotFound", 404);
    }

    [Fact]
    public async Task GetSecretValue_VersionIdAndOtherStage_VersionIdWins()
    {
        var name = await CreateAsync("one");
        Expect.Ok(await factory.Client.CallAsync("PutSecretValue", Params.Of(("SecretName", name), ("SecretData", "two"), ("VersionId", "v2"))));

        var json = Expect.Ok(await factory.Client.CallAsync(
            "GetSecretValue", Params.Of(("SecretName", name), ("VersionId", "v2"), ("VersionStage", "ACSPrevious"))));

        Assert.Equal("v2", json.GetProperty("VersionId").GetString());
        Assert.Equal("two", json.GetProperty("SecretData").GetString());
    }

    [Theory]
    [InlineData("Rds")]
    [InlineData("RAMCredentials")]
    public async Task CreateSecret_ManagedType_ReturnsUnsupportedOperation(string type)
    {
        var response = await factory.Client.CallAsync(
            "CreateSecret", Params.Of(("SecretName", NewName()), ("SecretData", "{}"), ("VersionId", "v1"), ("SecretType", type)));

        Expect.Error(response, "Rejected.UnsupportedOperation", 400);
    }

    [Fact]
    public async Task GetSecretValue_Current_EveryResponseFieldWithWrappedStages()
    {
        var name = await CreateAsync("s3cr3t");

        var json = Expect.Ok(await factory.Client.CallAsync("GetSecretValue", Params.Of(("SecretName", name))));

        Assert.Equal(
            ["RequestId", "AutomaticRotation", "CreateTime", "SecretData", "SecretDataType", "SecretName", "SecretType", "VersionId", "VersionStages"],
            json.EnumerateObject().Select(p => p.Name));
        Assert.Equal("s3cr3t", json.GetProperty("SecretData").GetString());
        Assert.Equal(["ACSCurrent"], json.GetProperty("VersionStages").GetProperty("VersionStage").EnumerateArray().Select(e => e.GetString()));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", json.GetProperty("CreateTime").GetString()!);
    }

    [Fact]
    public async Task GetSecretValue_Xml_IsExactlyTheGoldenBody()
    {
        var name = await CreateAsync("a<b&c");
        var created = Expect.Ok(await factory.Client.CallAsync("GetSecretValue", Params.Of(("SecretName", name)))).GetProperty("CreateTime").GetString();

        var response = await factory.Client.CallAsync("GetSecretValue", Params.Of(("SecretName", name), ("Format", "XML")));

        Assert.Equal(
            Declaration + $"<GetSecretValueResponse><RequestId>{response.RequestIdHeader}</RequestId><AutomaticRotation>Disabled</AutomaticRotation>" +
            $"<CreateTime>{created}</CreateTime><SecretData>a&lt;b&amp;c</SecretData><SecretDataType>text</SecretDataType>" +
            $"<SecretName>{name}</SecretName><SecretType>Generic</SecretType><VersionId>v1</VersionId>" +
            "<VersionStages><VersionStage>ACSCurrent</VersionStage></VersionStages></GetSecretValueResponse>",
            response.Text);
    }

    [Fact]
    public async Task GetSecretValue_UnknownSecret_Returns404ResourceNotFoundInJsonAndGoldenXml()
    {
        var json = await factory.Client.CallAsync("GetSecretValue", Params.Of(("SecretName", "no-such-secret")));
        var xml = await factory.Client.CallAsync("GetSecretValue", Params.Of(("SecretName", "no-such-secret"), ("Format", "XML")));

        Expect.Error(json, "Forbidden.ResourceNotFound", 404, NotFoundMessage);
        Assert.Equal(
            Declaration + $"<KMS><RequestId>{xml.RequestIdHeader}</RequestId><HostId>coffer-test-node</HostId>" +
            $"<Code>Forbidden.ResourceNotFound</Code><Message>{NotFoundMessage}</Message><HttpStatus>404</HttpStatus></KMS>",
            xml.Text);
    }

    [Fact]
    public async Task GetSecretValue_DisabledEncryptionKey_ReturnsKeyStateError()
    {
        var keyId = await factory.Client.CreateKeyAsync();
        var name = NewName();
        Expect.Ok(await factory.Client.CallAsync(
            "CreateSecret", Params.Of(("SecretName", name), ("SecretData", "x"), ("VersionId", "v1"), ("EncryptionKeyId", keyId))));
        Expect.Ok(await factory.Client.CallAsync("DisableKey", Params.Of(("KeyId", keyId))));

        var response = await factory.Client.CallAsync("GetSecretValue", Params.Of(("SecretName", name)));
        var described = Expect.Ok(await factory.Client.CallAsync("DescribeSecret", Params.Of(("SecretName", name))));

        Expect.Error(response, "Rejected.Disabled", 409);
        Assert.Equal(keyId, described.GetProperty("EncryptionKeyId").GetString());
    }

    [Fact]
    public async Task PutSecretValue_JsonArrayAndObjectStages_BothAccepted()
    {
        var name = await CreateAsync("one");

        var first = Expect.Ok(await factory.Client.CallAsync(
            "PutSecretValue", Params.Of(("SecretName", name), ("SecretData", "two"), ("VersionId", "v2"), ("VersionStages", "[\"ACSCurrent\"]"))));
        var second = Expect.Ok(await factory.Client.CallAsync(
            "PutSecretValue",
            Params.Of(("SecretName", name), ("SecretData", "three"), ("VersionId", "v3"), ("VersionStages", "{\"VersionStage\":[\"Next\"]}"))));
        var bad = await factory.Client.CallAsync(
            "PutSecretValue", Params.Of(("SecretName", name), ("SecretData", "x"), ("VersionId", "v4"), ("VersionStages", "ACSCurrent")));

        Assert.Equal(["RequestId", "SecretName", "VersionId", "VersionStages"], first.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["Next"], second.GetProperty("VersionStages").GetProperty("VersionStage").EnumerateArray().Select(e => e.GetString()));
        Expect.InvalidParameter(bad, "VersionStages");
        var previous = Expect.Ok(await factory.Client.CallAsync("GetSecretValue", Params.Of(("SecretName", name), ("VersionStage", "ACSPrevious"))));
        Assert.Equal("one", previous.GetProperty("SecretData").GetString());
    }

    [Fact]
    public async Task PutSecretValue_SameVersionIdOtherData_Returns409ResourceExist()
    {
        var name = await CreateAsync("one");

        var response = await factory.Client.CallAsync("PutSecretValue", Params.Of(("SecretName", name), ("SecretData", "two"), ("VersionId", "v1")));

        Expect.Error(response, "Rejected.ResourceExist", 409);
    }

    [Fact]
    public async Task ListSecretVersionIds_WrappedVersionsAndPaging()
    {
        var name = await CreateAsync("one");
        Expect.Ok(await factory.Client.CallAsync("PutSecretValue", Params.Of(("SecretName", name), ("SecretData", "two"), ("VersionId", "v2"))));

        var json = Expect.Ok(await factory.Client.CallAsync("ListSecretVersionIds", Params.Of(("SecretName", name))));

        Assert.Equal(["RequestId", "PageNumber", "PageSize", "SecretName", "TotalCount", "VersionIds"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(20, json.GetProperty("PageSize").GetInt32());
        Assert.Equal(2, json.GetProperty("TotalCount").GetInt32());
        var versions = json.Items("VersionIds", "VersionId");
        Assert.Equal(["v1", "v2"], versions.Select(v => v.GetProperty("VersionId").GetString()));
        Assert.Equal(["ACSPrevious"], versions[0].GetProperty("VersionStages").GetProperty("VersionStage").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task DescribeSecret_ServiceKey_EveryFieldAndEmptyEncryptionKeyId()
    {
        var name = await CreateAsync("x");

        var json = Expect.Ok(await factory.Client.CallAsync("DescribeSecret", Params.Of(("SecretName", name), ("FetchTags", "true"))));

        Assert.Equal(
            ["RequestId", "Arn", "AutomaticRotation", "CreateTime", "DKMSInstanceId", "Description", "EncryptionKeyId", "ExtendedConfig",
             "OwingService", "PlannedDeleteTime", "SecretName", "SecretType", "Tags", "UpdateTime"],
            json.EnumerateObject().Select(p => p.Name));
        Assert.Equal("", json.GetProperty("EncryptionKeyId").GetString());
        Assert.Equal("", json.GetProperty("PlannedDeleteTime").GetString());
        Assert.Empty(json.Items("Tags", "Tag"));
    }

    [Fact]
    public async Task DescribeSecret_Xml_IsExactlyTheGoldenBody()
    {
        var name = await CreateAsync("x");
        var json = Expect.Ok(await factory.Client.CallAsync("DescribeSecret", Params.Of(("SecretName", name))));
        var created = json.GetProperty("CreateTime").GetString();

        var response = await factory.Client.CallAsync("DescribeSecret", Params.Of(("SecretName", name), ("Format", "XML")));

        Assert.Equal(
            Declaration + $"<DescribeSecretResponse><RequestId>{response.RequestIdHeader}</RequestId>" +
            $"<Arn>acs:kms:cn-hangzhou:{factory.AccountId}:secret/{name}</Arn><AutomaticRotation>Disabled</AutomaticRotation>" +
            $"<CreateTime>{created}</CreateTime><DKMSInstanceId></DKMSInstanceId><Description></Description><EncryptionKeyId></EncryptionKeyId>" +
            "<ExtendedConfig></ExtendedConfig><OwingService></OwingService><PlannedDeleteTime></PlannedDeleteTime>" +
            $"<SecretName>{name}</SecretName><SecretType>Generic</SecretType><UpdateTime>{created}</UpdateTime></DescribeSecretResponse>",
            response.Text);
    }

    [Fact]
    public async Task DescribeSecret_UnknownXml_IsTheGoldenErrorBody()
    {
        var response = await factory.Client.CallAsync("DescribeSecret", Params.Of(("SecretName", "missing/secret"), ("Format", "XML")));

        Assert.Equal(
            Declaration + $"<KMS><RequestId>{response.RequestIdHeader}</RequestId><HostId>coffer-test-node</HostId>" +
            $"<Code>Forbidden.ResourceNotFound</Code><Message>{NotFoundMessage}</Message><HttpStatus>404</HttpStatus></KMS>",
            response.Text);
    }

    [Fact]
    public async Task DeleteSecret_ThenCalls_InDeleteWindowRestoreAndForce()
    {
        var name = await CreateAsync("x");

        var deleted = Expect.Ok(await factory.Client.CallAsync("DeleteSecret", Params.Of(("SecretName", name), ("RecoveryWindowInDays", "7"))));
        var get = await factory.Client.CallAsync("GetSecretValue", Params.Of(("SecretName", name)));
        var recreate = await factory.Client.CallAsync("CreateSecret", Params.Of(("SecretName", name), ("SecretData", "x"), ("VersionId", "v1")));
        var listed = Expect.Ok(await factory.Client.CallAsync(
            "ListSecrets", Params.Of(("Filters", JsonSerializer.Serialize(new[] { new { Key = "SecretName", Values = new[] { name } } })))));
        Expect.Ok(await factory.Client.CallAsync("RestoreSecret", Params.Of(("SecretName", name))));
        var afterRestore = Expect.Ok(await factory.Client.CallAsync("GetSecretValue", Params.Of(("SecretName", name))));
        var forced = Expect.Ok(await factory.Client.CallAsync("DeleteSecret", Params.Of(("SecretName", name), ("ForceDeleteWithoutRecovery", "true"))));
        var gone = await factory.Client.CallAsync("DescribeSecret", Params.Of(("SecretName", name)));

        Assert.Equal(["RequestId", "PlannedDeleteTime", "SecretName"], deleted.EnumerateObject().Select(p => p.Name));
        Expect.Error(get, "Rejected.ResourceInDeleteWindow", 409, "The request was rejected because the resource is pending deletion.");
        Expect.Error(recreate, "Rejected.ResourceInDeleteWindow", 409);
        Assert.Equal(deleted.GetProperty("PlannedDeleteTime").GetString(), Assert.Single(listed.Items("SecretList", "Secret")).GetProperty("PlannedDeleteTime").GetString());
        Assert.Equal("x", afterRestore.GetProperty("SecretData").GetString());
        Assert.NotEqual("", forced.GetProperty("PlannedDeleteTime").GetString());
        Expect.Error(gone, "Forbidden.ResourceNotFound", 404);
    }

    [Theory]
    [InlineData("6")]
    [InlineData("31")]
    [InlineData("seven")]
    public async Task DeleteSecret_BadRecoveryWindow_ReturnsInvalidParameter(string days)
    {
        var name = await CreateAsync("x");

        var response = await factory.Client.CallAsync("DeleteSecret", Params.Of(("SecretName", name), ("RecoveryWindowInDays", days)));

        Expect.InvalidParameter(response, "RecoveryWindowInDays");
    }

    [Fact]
    public async Task ListSecrets_WrappedListWithPaging()
    {
        await CreateAsync("x");

        var json = Expect.Ok(await factory.Client.CallAsync("ListSecrets", Params.Of(("PageSize", "1"), ("FetchTags", "true"))));
        var empty = await factory.Client.CallAsync("ListSecrets", Params.Of(("PageNumber", "100000")));
        var xml = await factory.Client.CallAsync("ListSecrets", Params.Of(("PageNumber", "100000"), ("Format", "XML")));

        Assert.Equal(["RequestId", "PageNumber", "PageSize", "SecretList", "TotalCount"], json.EnumerateObject().Select(p => p.Name));
        var item = Assert.Single(json.Items("SecretList", "Secret"));
        Assert.Equal(
            ["CreateTime", "OwingService", "PlannedDeleteTime", "SecretName", "SecretType", "Tags", "UpdateTime"],
            item.EnumerateObject().Select(p => p.Name));
        Assert.Contains("\"SecretList\":{\"Secret\":[]}", empty.Text, StringComparison.Ordinal);
        Assert.Contains("<SecretList></SecretList>", xml.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BatchGetSecretValue_BareArraysOfValuesAndErrors()
    {
        var name = await CreateAsync("batch");
        var list = JsonSerializer.Serialize(new[] { new { SecretName = name }, new { SecretName = "missing-one" } });

        var json = Expect.Ok(await factory.Client.CallAsync("BatchGetSecretValue", Params.Of(("SecretsList", list))));
        var xml = await factory.Client.CallAsync("BatchGetSecretValue", Params.Of(("SecretsList", list), ("Format", "XML")));

        var value = Assert.Single(json.GetProperty("SecretValues").EnumerateArray());
        Assert.Equal("batch", value.GetProperty("SecretData").GetString());
        var error = Assert.Single(json.GetProperty("Errors").EnumerateArray());
        Assert.Equal(["Code", "HttpStatus", "Message", "SecretName"], error.EnumerateObject().Select(p => p.Name));
        Assert.Equal(404, error.GetProperty("HttpStatus").GetInt32());
        Assert.Equal("Forbidden.ResourceNotFound", error.GetProperty("Code").GetString());
        Assert.Contains("<Errors><Code>Forbidden.ResourceNotFound</Code><HttpStatus>404</HttpStatus>", xml.Text, StringComparison.Ordinal);
        Assert.Contains("<SecretValues><RequestId>", xml.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateSecretVersionStageAndUpdateSecret_ReturnSecretName()
    {
        var name = await CreateAsync("x");

        var stage = Expect.Ok(await factory.Client.CallAsync(
            "UpdateSecretVersionStage", Params.Of(("SecretName", name), ("VersionStage", "Blue"), ("MoveToVersion", "v1"))));
        var update = Expect.Ok(await factory.Client.CallAsync("UpdateSecret", Params.Of(("SecretName", name), ("Description", "new"))));
        var extended = await factory.Client.CallAsync("UpdateSecret", Params.Of(("SecretName", name), ("ExtendedConfig.CustomData.k", "v")));

        Assert.Equal(["RequestId", "SecretName"], stage.EnumerateObject().Select(p => p.Name));
        Assert.Equal(name, update.GetProperty("SecretName").GetString());
        Expect.Error(extended, "Rejected.UnsupportedOperation", 400);
    }

    [Fact]
    public async Task RotationCalls_KnownSecret_UnsupportedOperation_UnknownNotFound()
    {
        var name = await CreateAsync("x");

        var policy = await factory.Client.CallAsync("UpdateSecretRotationPolicy", Params.Of(("SecretName", name), ("EnableAutomaticRotation", "true")));
        var rotate = await factory.Client.CallAsync("RotateSecret", Params.Of(("SecretName", name), ("VersionId", "v9")));
        var unknown = await factory.Client.CallAsync("RotateSecret", Params.Of(("SecretName", "missing-rotate"), ("VersionId", "v9")));
        var missing = await factory.Client.CallAsync("UpdateSecretRotationPolicy", Params.Of(("SecretName", name)));

        Expect.Error(policy, "Rejected.UnsupportedOperation", 400);
        Expect.Error(rotate, "Rejected.UnsupportedOperation", 400);
        Expect.Error(unknown, "Forbidden.ResourceNotFound", 404);
        Expect.MissingParameter(missing, "EnableAutomaticRotation");
    }

    [Fact]
    public async Task SecretPolicy_SetThenGet_Verbatim()
    {
        var name = await CreateAsync("x");
        const string Policy = "{\"Version\":\"1\",\"Statement\":[]}";

        Expect.Ok(await factory.Client.CallAsync("SetSecretPolicy", Params.Of(("SecretName", name), ("Policy", Policy))));
        var json = Expect.Ok(await factory.Client.CallAsync("GetSecretPolicy", Params.Of(("SecretName", name))));

        Assert.Equal(Policy, json.GetProperty("Policy").GetString());
    }

    [Fact]
    public async Task GetRandomPassword_LengthAndRange()
    {
        var json = Expect.Ok(await factory.Client.CallAsync("GetRandomPassword", Params.Of(("PasswordLength", "40"), ("ExcludePunctuation", "true"))));
        var bad = await factory.Client.CallAsync("GetRandomPassword", Params.Of(("PasswordLength", "200")));

        var password = json.GetProperty("RandomPassword").GetString()!;
        Assert.Equal(40, password.Length);
        Assert.All(password, c => Assert.True(char.IsAsciiLetterOrDigit(c)));
        Expect.InvalidParameter(bad, "PasswordLength");
    }

    [Fact]
    public async Task TagResources_SecretType_TaggedListedAndShownByDescribeSecret()
    {
        var name = await CreateAsync("x");

        Expect.Ok(await factory.Client.CallAsync(
            "TagResources", Params.Of(("ResourceId.1", name), ("ResourceType", "secret"), ("Tag.1.Key", "env"), ("Tag.1.Value", "prod"))));
        var rows = Expect.Ok(await factory.Client.CallAsync("ListTagResources", Params.Of(("ResourceId.1", name), ("ResourceType", "secret"))));
        var described = Expect.Ok(await factory.Client.CallAsync("DescribeSecret", Params.Of(("SecretName", name), ("FetchTags", "true"))));

        var row = Assert.Single(rows.Items("TagResources", "TagResource"));
        Assert.Equal((name, "secret", "env", "prod"), (row.GetProperty("ResourceId").GetString(), row.GetProperty("ResourceType").GetString(),
            row.GetProperty("TagKey").GetString(), row.GetProperty("TagValue").GetString()));
        Assert.Equal("prod", Assert.Single(described.Items("Tags", "Tag")).GetProperty("TagValue").GetString());
    }

    private static string NewName() => "test/" + Guid.NewGuid().ToString("N");

    private async Task<string> CreateAsync(string data)
    {
        var name = NewName();
        Expect.Ok(await factory.Client.CallAsync("CreateSecret", Params.Of(("SecretName", name), ("SecretData", data), ("VersionId", "v1"))));
        return name;
    }
}
