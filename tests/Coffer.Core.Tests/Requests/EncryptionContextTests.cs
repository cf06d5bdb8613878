using Coffer.Core.Errors;
using Coffer.Core.Requests;

namespace Coffer.Core.Tests.Requests;

public sealed class EncryptionContextTests
{
    private const string Parameter = "SourceEncryptionContext";
    private static readonly KeyValuePair<string, string>[] NoDotted = [];

    public static TheoryData<string> InvalidJson =>
    [
        "null",
        "[]",
        "[{\"a\":\"1\"}]",
        "\"a\"",
        "1",
        "true",
        "{\"a\":1}",
        "{\"a\":1.5}",
        "{\"a\":true}",
        "{\"a\":null}",
        "{\"a\":[\"1\"]}",
        "{\"a\":{\"b\":\"c\"}}",
        "{\"a\":[[[[[[\"deep\"]]]]]]}",
        "{\"a\":\"1\",\"a\":\"2\"}",
        "{\"a\":\"1\",\"\\u0061\":\"2\"}",
        "{\"a\":\"1\"",
        "{a:\"1\"}",
        "{'a':'1'}",
        "{\"a\":\"1\",}",
        "{\"a\":\"1\"/* note */}",
        "{\"a\":\"1\"}x",
        "{\"a\":\"1\"}{}",
        "{}[]",
        "{\"a\" \"1\"}",
        "{",
        "}",
        "not json",
    ];

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData(" { } ")]
    public void Parse_AbsentEmptyOrEmptyObject_MeansNoContext(string? json)
    {
        var context = EncryptionContext.Parse(json, NoDotted, Parameter);

        Assert.Empty(context.Pairs);
        Assert.Empty(context.AssociatedData());
    }

    [Fact]
    public void Parse_ObjectOfStrings_KeepsEveryPair()
    {
        var context = EncryptionContext.Parse("{\"a\":\"1\", \"b\" : \"\", \"c\":\"x=y&z\", \"\\u00e9\":\"\\u2713\"}", NoDotted, Parameter);

        Assert.Equal(
            new Dictionary<string, string> { ["a"] = "1", ["b"] = "", ["c"] = "x=y&z", ["é"] = "✓" },
            context.Pairs);
    }

    [Theory]
    [MemberData(nameof(InvalidJson))]
    public void Parse_NotAnObjectOfDistinctStrings_ThrowsInvalidParameterNamingTheParameter(string json)
    {
        var error = Assert.Throws<KmsException>(() => EncryptionContext.Parse(json, NoDotted, Parameter));

        Assert.Equal(KmsErrorCode.InvalidParameter, error.Code);
        Assert.Equal(Parameter, error.Detail);
    }

    [Theory]
    [InlineData("{\"a\":\"\\ud800\"}")]
    [InlineData("{\"a\":\"\\ud800\\u0041\"}")]
    [InlineData("{\"\\udc00\":\"x\"}")]
    public void Parse_EscapedLoneSurrogate_ThrowsInvalidParameterNotAnUnhandledException(string json)
    {
        // Valid JSON syntax whose string is not valid UTF-16: Utf8JsonReader.GetString throws InvalidOperationException,
        // which must not escape as a 500.
        var error = Record.Exception(() => EncryptionContext.Parse(json, NoDotted, Parameter));

        var kms = Assert.IsType<KmsException>(error);
        Assert.Equal(KmsErrorCode.InvalidParameter, kms.Code);
        Assert.Equal(Parameter, kms.Detail);
    }

    [Fact]
    public void Parse_JsonOfExactlyTheLimit_IsAccepted()
    {
        var json = Json(EncryptionContext.MaxJsonLength);

        var context = EncryptionContext.Parse(json, NoDotted, Parameter);

        Assert.Equal(EncryptionContext.MaxJsonLength, json.Length);
        Assert.Single(context.Pairs);
    }

    [Fact]
    public void Parse_JsonOverTheLimit_ThrowsInvalidParameter()
    {
        var json = Json(EncryptionContext.MaxJsonLength + 1);

        var error = Assert.Throws<KmsException>(() => EncryptionContext.Parse(json, NoDotted, Parameter));

        Assert.Equal(KmsErrorCode.InvalidParameter, error.Code);
        Assert.Equal(Parameter, error.Detail);
    }

    [Fact]
    public void Parse_DottedForm_EqualsTheJsonForm()
    {
        var dotted = EncryptionContext.Parse(null, [new("k", "v"), new("a.b", "x=y")], Parameter);
        var json = EncryptionContext.Parse("{\"a.b\":\"x=y\",\"k\":\"v\"}", NoDotted, Parameter);

        Assert.Equal(json.Pairs, dotted.Pairs);
        Assert.Equal(json.AssociatedData(), dotted.AssociatedData());
    }

    [Fact]
    public void Parse_DottedFormWithEmptyJson_UsesTheDottedForm()
    {
        var context = EncryptionContext.Parse("", [new("k", "v")], Parameter);

        Assert.Equal(new Dictionary<string, string> { ["k"] = "v" }, context.Pairs);
    }

    [Theory]
    [InlineData("{\"k\":\"v\"}")]
    [InlineData("{}")]
    public void Parse_BothForms_ThrowsInvalidParameter(string json)
    {
        var error = Assert.Throws<KmsException>(() => EncryptionContext.Parse(json, [new("k", "v")], Parameter));

        Assert.Equal(KmsErrorCode.InvalidParameter, error.Code);
        Assert.Equal(Parameter, error.Detail);
    }

    [Fact]
    public void Parse_DottedDuplicateKey_ThrowsInvalidParameter()
    {
        var error = Assert.Throws<KmsException>(() => EncryptionContext.Parse(null, [new("k", "1"), new("k", "2")], Parameter));

        Assert.Equal(KmsErrorCode.InvalidParameter, error.Code);
        Assert.Equal(Parameter, error.Detail);
    }

    [Fact]
    public void Parse_DottedEmptyKey_ThrowsInvalidParameter()
    {
        var error = Assert.Throws<KmsException>(() => EncryptionContext.Parse(null, [new("", "v")], Parameter));

        Assert.Equal(KmsErrorCode.InvalidParameter, error.Code);
        Assert.Equal(Parameter, error.Detail);
    }

    [Fact]
    public void Parse_DottedFormLongerThanTheJsonLimit_ThrowsInvalidParameter()
    {
        var error = Assert.Throws<KmsException>(
            () => EncryptionContext.Parse(null, [new("k", new string('x', EncryptionContext.MaxJsonLength))], Parameter));

        Assert.Equal(KmsErrorCode.InvalidParameter, error.Code);
        Assert.Equal(Parameter, error.Detail);
    }

    [Fact]
    public void AssociatedData_NoContext_IsEmpty()
    {
        Assert.Empty(EncryptionContext.None.AssociatedData());
    }

    [Fact]
    public void AssociatedData_PairsInAnyOrder_AreEqual()
    {
        var ab = EncryptionContext.Parse("{\"a\":\"1\",\"b\":\"2\"}", NoDotted, Parameter);
        var ba = EncryptionContext.Parse("{\"b\":\"2\",\"a\":\"1\"}", NoDotted, Parameter);
        var dotted = EncryptionContext.Parse(null, [new("b", "2"), new("a", "1")], Parameter);

        Assert.Equal(ab.AssociatedData(), ba.AssociatedData());
        Assert.Equal(ab.AssociatedData(), dotted.AssociatedData());
    }

    [Fact]
    public void AssociatedData_Pairs_IsAlibabasDigest()
    {
        var context = EncryptionContext.Parse("{\"b\":\"2\",\"a\":\"1\"}", NoDotted, Parameter);

        // SHA-256 of "a=1&b=2": pairs sorted by key and joined.
        Assert.Equal("8e85be58c1c372ac29fe7bfa80d8ddcbd04a4032c7b51c1c026d67c55b1ab23f", Convert.ToHexStringLower(context.AssociatedData()));
    }

    [Fact]
    public void AssociatedData_DifferentValue_Differs()
    {
        var one = EncryptionContext.Parse("{\"a\":\"1\"}", NoDotted, Parameter);
        var two = EncryptionContext.Parse("{\"a\":\"2\"}", NoDotted, Parameter);

        Assert.NotEqual(one.AssociatedData(), two.AssociatedData());
    }

    private static string Json(int length)
    {
        const string Frame = "{\"k\":\"\"}";
        return "{\"k\":\"" + new string('x', length - Frame.Length) + "\"}";
    }
}
