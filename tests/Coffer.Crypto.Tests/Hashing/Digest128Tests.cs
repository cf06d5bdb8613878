using System.Text;
using Coffer.Crypto.Hashing;

namespace Coffer.Crypto.Tests.Hashing;

public sealed class Digest128Tests
{
    // FIPS 180-2, appendix B.1: SHA-256("abc") = ba7816bf 8f01cfea 414140de 5dae2223 b00361a3 96177a9c b410ff61 f20015ad.
    [Fact]
    public void Of_Abc_IsTheFirstSixteenBytesOfSha256ReadLittleEndian()
    {
        var digest = Digest128.Of(Encoding.ASCII.GetBytes("abc"));

        Assert.Equal(Hex("2322ae5dde404141eacf018fbf1678ba"), digest);
    }

    // FIPS 180-2, appendix B.2 (two blocks).
    [Fact]
    public void Of_TwoBlockMessage_MatchesTheStandardVector()
    {
        var digest = Digest128.Of(Encoding.ASCII.GetBytes("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"));

        // SHA-256 = 248d6a61 d20638b8 e5c02693 0c3e6039 a33ce459 64ff2167 f6ecedd4 19db06c1
        Assert.Equal(Hex("39603e0c9326c0e5b83806d2616a8d24"), digest);
    }

    [Fact]
    public void Of_InputsDifferingInOneBit_Differ()
    {
        Assert.NotEqual(Digest128.Of([0x00]), Digest128.Of([0x01]));
        Assert.NotEqual(Digest128.Of([]), Digest128.Of([0x00]));
    }

    private static UInt128 Hex(string value) =>
        UInt128.Parse(value, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
}
