using Coffer.Crypto.Envelope;

namespace Coffer.Crypto.Tests.Envelope;

public sealed class EncryptionContextDigestTests
{
    // Computed outside .NET: printf 'env=ci&purpose=test' | sha256sum
    private const string PurposeEnvDigestHex = "5b40189758b63caea64ab80def378ae952280a4f6b365342da3c955e83301dbf";

    [Fact]
    public void Compute_EmptyContext_ReturnsEmptyArray()
    {
        var context = new Dictionary<string, string>();

        var digest = EncryptionContextDigest.Compute(context);

        Assert.Empty(digest);
    }

    [Fact]
    public void Compute_NullContext_ThrowsArgumentNullException()
    {
        void Act() => EncryptionContextDigest.Compute(null!);

        Assert.Throws<ArgumentNullException>(Act);
    }

    [Fact]
    public void Compute_PurposeAndEnv_IsSha256OfSortedPairs()
    {
        var context = new Dictionary<string, string> { ["purpose"] = "test", ["env"] = "ci" };

        var digest = EncryptionContextDigest.Compute(context);

        Assert.Equal(PurposeEnvDigestHex, Convert.ToHexStringLower(digest));
    }

    [Fact]
    public void Compute_InsertionOrderReversed_GivesSameDigest()
    {
        var forward = new Dictionary<string, string> { ["purpose"] = "test", ["env"] = "ci", ["app"] = "coffer" };
        var reversed = new Dictionary<string, string> { ["app"] = "coffer", ["env"] = "ci", ["purpose"] = "test" };

        var forwardDigest = EncryptionContextDigest.Compute(forward);
        var reversedDigest = EncryptionContextDigest.Compute(reversed);

        Assert.Equal(forwardDigest, reversedDigest);
    }

    [Fact]
    public void Compute_MixedCaseKeys_SortsOrdinally()
    {
        // Ordinal order puts 'B' (0x42) before 'a' (0x61); a culture-aware sort would not.
        // Computed outside .NET: printf 'B=1&a=2' | sha256sum
        var context = new Dictionary<string, string> { ["a"] = "2", ["B"] = "1" };

        var digest = EncryptionContextDigest.Compute(context);

        Assert.Equal("f6aec9a92d5d3d89f6ca110a00ad8ddcb3c61e4607d064931264e70674058024", Convert.ToHexStringLower(digest));
    }

    [Fact]
    public void Compute_NonAsciiValue_HashesUtf8()
    {
        // Computed outside .NET: printf 'k=\xc3\xa9' | sha256sum
        var context = new Dictionary<string, string> { ["k"] = "\u00e9" };

        var digest = EncryptionContextDigest.Compute(context);

        Assert.Equal("2515b2955ae116fbd708d9d9a54ce4407c20db1e9bee14dd0b1bea4fd13fe1c2", Convert.ToHexStringLower(digest));
    }

    [Fact]
    public void Compute_DifferentValue_GivesDifferentDigest()
    {
        var context = new Dictionary<string, string> { ["purpose"] = "test", ["env"] = "prod" };

        var digest = EncryptionContextDigest.Compute(context);

        Assert.Equal(32, digest.Length);
        Assert.NotEqual(PurposeEnvDigestHex, Convert.ToHexStringLower(digest));
    }
}
