using Coffer.Core.Errors;
using Coffer.Core.Tags;

namespace Coffer.Core.Tests.Tags;

public sealed class TagJsonTests
{
    [Fact]
    public void ParseTags_ArrayOfObjects_TagsInOrder()
    {
        var tags = TagJson.ParseTags("[{\"TagKey\":\"b\",\"TagValue\":\"2\"}, {\"TagValue\":\"1\",\"TagKey\":\"a\"}]", "Tags");

        Assert.Equal([new Tag("b", "2"), new Tag("a", "1")], tags);
    }

    [Fact]
    public void ParseTags_NoTagValue_EmptyValue()
    {
        Assert.Equal([new Tag("k", "")], TagJson.ParseTags("[{\"TagKey\":\"k\"}]", "Tags"));
    }

    [Fact]
    public void ParseTags_EmptyArray_NoTags()
    {
        Assert.Empty(TagJson.ParseTags("[]", "Tags"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("null")]
    [InlineData("[")]
    [InlineData("[{\"TagKey\":\"k\"}")]
    [InlineData("[{\"TagKey\":\"k\"}] x")]
    [InlineData("[{\"TagKey\":\"k\"}][]")]
    [InlineData("[\"k\"]")]
    [InlineData("[{\"TagValue\":\"v\"}]")]
    [InlineData("[{\"TagKey\":1}]")]
    [InlineData("[{\"TagKey\":\"k\",\"TagValue\":null}]")]
    [InlineData("[{\"TagKey\":\"k\",\"TagKey\":\"j\"}]")]
    [InlineData("[{\"TagKey\":\"k\",\"Other\":\"x\"}]")]
    [InlineData("[{\"Key\":\"k\",\"Value\":\"v\"}]")]
    [InlineData("[[{\"TagKey\":\"k\"}]]")]
    public void ParseTags_NotAnArrayOfTagObjects_ThrowsInvalidParameterNamingIt(string json)
    {
        var error = Assert.Throws<KmsException>(() => TagJson.ParseTags(json, "Tags"));

        Assert.Equal(KmsErrorCode.InvalidParameter, error.Code);
        Assert.Equal("Tags", error.Detail);
    }

    [Fact]
    public void ParseKeys_ArrayOfStrings_KeysInOrder()
    {
        Assert.Equal(["k2", "k1"], TagJson.ParseKeys("[\"k2\",\"k1\"]", "TagKeys"));
    }

    [Theory]
    [InlineData("\"k\"")]
    [InlineData("[1]")]
    [InlineData("[null]")]
    [InlineData("[\"k\"")]
    [InlineData("[[\"k\"]]")]
    [InlineData("[{\"TagKey\":\"k\"}]")]
    public void ParseKeys_NotAnArrayOfStrings_ThrowsInvalidParameterNamingIt(string json)
    {
        var error = Assert.Throws<KmsException>(() => TagJson.ParseKeys(json, "TagKeys"));

        Assert.Equal("TagKeys", error.Detail);
    }
}
