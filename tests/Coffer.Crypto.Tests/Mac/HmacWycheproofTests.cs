using Coffer.Crypto.Mac;

namespace Coffer.Crypto.Tests.Mac;

/// <summary>
/// Every case of Wycheproof's HMAC-SHA256 and HMAC-SM3 files. A valid case must be a prefix of (or equal to) the full
/// HMAC Coffer computes, and a full-length valid tag must verify; an invalid tag must not verify. Coffer's VerifyMac
/// takes only full-length MACs, so every truncated tag fails verification, which is what an invalid case expects.
/// </summary>
public sealed class HmacWycheproofTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("hmac_sha256_test.json", MacAlgorithm.HmacSha256, 174)]
    [InlineData("hmac_sm3_test.json", MacAlgorithm.HmacSm3, 174)]
    public void Hmac_EveryCase(string file, MacAlgorithm algorithm, int total)
    {
        var run = WycheproofRun.Run(file, (_, test) =>
        {
            var key = WycheproofRun.Hex(test, "key");
            var msg = WycheproofRun.Hex(test, "msg");
            var tag = WycheproofRun.Hex(test, "tag");
            var full = Hmac.Compute(algorithm, key, msg);
            var verified = Hmac.Verify(algorithm, key, msg, tag);
            switch (WycheproofRun.Result(test))
            {
                case "valid":
                    if (!full.AsSpan().StartsWith(tag))
                    {
                        return "computed HMAC does not start with tag";
                    }

                    return tag.Length == full.Length && !verified ? "full-length valid tag did not verify" : null;
                case "invalid":
                    return verified ? "verified an invalid tag" : null;
                default:
                    return "unexpected result";
            }
        });

        run.AssertCounts(output, total, total, 0);
    }
}
