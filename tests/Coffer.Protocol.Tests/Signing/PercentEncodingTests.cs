using System.Globalization;
using Coffer.Protocol.Signing;

namespace Coffer.Protocol.Tests.Signing;

public sealed class PercentEncodingTests
{
    private const string Unreserved = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~";

    [Fact]
    public void Encode_UnreservedCharacters_KeepsThem()
    {
        var encoded = PercentEncoding.Encode(Unreserved);

        Assert.Equal(Unreserved, encoded);
    }

    [Theory]
    [InlineData(" ", "%20")]
    [InlineData("*", "%2A")]
    [InlineData("/", "%2F")]
    [InlineData("ü", "%C3%BC")]
    [InlineData("+", "%2B")]
    [InlineData("%", "%25")]
    [InlineData("!'()", "%21%27%28%29")]
    [InlineData("=&", "%3D%26")]
    [InlineData(":", "%3A")]
    [InlineData("\n", "%0A")]
    [InlineData("\u00FF", "%C3%BF")]
    [InlineData("\U0001F600", "%F0%9F%98%80")]
    [InlineData("Test key (ü) *!'~ a+b/c=d&e", "Test%20key%20%28%C3%BC%29%20%2A%21%27~%20a%2Bb%2Fc%3Dd%26e")]
    [InlineData("", "")]
    public void Encode_ReservedOrNonAscii_WritesUpperCaseEscapes(string value, string expected)
    {
        var encoded = PercentEncoding.Encode(value);

        Assert.Equal(expected, encoded);
    }

    [Fact]
    public void Encode_MixedStrings_MatchTheRfc3986EncodingOfTheFramework()
    {
        // Runs of unreserved characters of every length, at the start, middle and end, between escapes of one to four bytes.
        string[] pieces = ["a", "Z9", "-_.~", "abcdefghijklmnopqrstuvwxyz0123456789", " ", "+", "/", "=", "%", "ü", "€", "\U0001F600", "\n"];
        var mismatches = new List<string>();
        for (var i = 0; i < 2_000; i++)
        {
            // A fixed spread of combinations (no random source: the sequence is the same on every run).
            var value = string.Concat(Enumerable.Range(0, i % 12).Select(k => pieces[((i * 31) + (k * 17) + (i * k)) % pieces.Length]));
            if (PercentEncoding.Encode(value) != Uri.EscapeDataString(value))
            {
                mismatches.Add(value);
            }
        }

        Assert.Empty(mismatches);
    }

    [Fact]
    public void Encode_LoneSurrogates_EncodeAsReplacementCharacters()
    {
        // Built at run time: a lone surrogate does not survive an attribute argument.
        var value = "a" + (char)0xD800 + "b" + (char)0xDC00 + (char)0xD83D;

        var encoded = PercentEncoding.Encode(value);

        Assert.Equal("a%EF%BF%BDb%EF%BF%BD%EF%BF%BD", encoded);
    }

    [Fact]
    public void Encode_EveryOtherAsciiCharacter_WritesUpperCaseEscape()
    {
        var others = Enumerable.Range(0, 128).Select(c => (char)c).Where(c => !Unreserved.Contains(c, StringComparison.Ordinal));

        var mismatches = others
            .Select(c => (Char: (int)c, Encoded: PercentEncoding.Encode(c.ToString())))
            .Where(r => r.Encoded != "%" + r.Char.ToString("X2", CultureInfo.InvariantCulture))
            .ToList();

        Assert.Empty(mismatches);
    }

    [Theory]
    [InlineData("a+b", "a b")]
    [InlineData("%2B", "+")]
    [InlineData("%20", " ")]
    [InlineData("%c3%bc", "ü")]
    [InlineData("%C3%BC", "ü")]
    [InlineData("%c3%BC", "ü")]
    [InlineData("%41%42c", "ABc")]
    [InlineData("%F0%9F%98%80", "\U0001F600")]
    [InlineData("ü%20", "ü ")]
    [InlineData("plain", "plain")]
    [InlineData("", "")]
    public void TryDecode_WellFormed_ReturnsDecoded(string encoded, string expected)
    {
        var ok = PercentEncoding.TryDecode(encoded, out var decoded);

        Assert.True(ok);
        Assert.Equal(expected, decoded);
    }

    [Theory]
    [InlineData("%4")]
    [InlineData("%")]
    [InlineData("abc%")]
    [InlineData("abc%4")]
    [InlineData("%zz")]
    [InlineData("%g1")]
    [InlineData("%1g")]
    [InlineData("%C3%28")]
    [InlineData("%C3")]
    [InlineData("%C0%AF")]
    [InlineData("%ED%A0%80")]
    [InlineData("%FF")]
    public void TryDecode_TruncatedNonHexOrInvalidUtf8_ReturnsFalse(string encoded)
    {
        var ok = PercentEncoding.TryDecode(encoded, out _);

        Assert.False(ok);
    }

    [Theory]
    [InlineData("\U0001F600+", "\U0001F600 ")]
    [InlineData("a%20\U0001F600", "a \U0001F600")]
    public void TryDecode_RawNonBmpCharacterBesideEscape_KeepsCharacter(string encoded, string expected)
    {
        // A raw (unescaped) non-BMP character is valid UTF-8 text; it decodes as itself when the input has no
        // escape, so it must also do so beside one.
        var ok = PercentEncoding.TryDecode(encoded, out var decoded);

        Assert.True(ok);
        Assert.Equal(expected, decoded);
    }

    [Fact]
    public void TryParsePairs_EmptyValuesBareNamesAndEmptySegments_GivesPairsInOrder()
    {
        var pairs = new List<KeyValuePair<string, string>>();

        var ok = PercentEncoding.TryParsePairs("a=1&b=&c&&d=%20", pairs);

        Assert.True(ok);
        Assert.Equal(
            [
                new KeyValuePair<string, string>("a", "1"),
                new KeyValuePair<string, string>("b", ""),
                new KeyValuePair<string, string>("c", ""),
                new KeyValuePair<string, string>("d", " "),
            ],
            pairs);
    }

    [Fact]
    public void TryParsePairs_ValueContainingEquals_SplitsAtFirstEquals()
    {
        var pairs = new List<KeyValuePair<string, string>>();

        var ok = PercentEncoding.TryParsePairs("Key%2B1=a=b&x+y=%3D", pairs);

        Assert.True(ok);
        Assert.Equal(
            [new KeyValuePair<string, string>("Key+1", "a=b"), new KeyValuePair<string, string>("x y", "=")],
            pairs);
    }

    [Fact]
    public void TryParsePairs_Existing_AppendsToList()
    {
        var pairs = new List<KeyValuePair<string, string>> { new("q", "0") };

        var ok = PercentEncoding.TryParsePairs("a=1", pairs);

        Assert.True(ok);
        Assert.Equal([new KeyValuePair<string, string>("q", "0"), new KeyValuePair<string, string>("a", "1")], pairs);
    }

    [Theory]
    [InlineData("a=1&b=%zz")]
    [InlineData("a=1&%zz=2")]
    [InlineData("a=%4")]
    [InlineData("a=%C3%28")]
    public void TryParsePairs_BadEscape_ReturnsFalse(string text)
    {
        var pairs = new List<KeyValuePair<string, string>>();

        var ok = PercentEncoding.TryParsePairs(text, pairs);

        Assert.False(ok);
    }

    [Fact]
    public void TryParsePairs_EmptyText_ReturnsTrueWithNoPairs()
    {
        var pairs = new List<KeyValuePair<string, string>>();

        var ok = PercentEncoding.TryParsePairs("", pairs);

        Assert.True(ok);
        Assert.Empty(pairs);
    }

    [Fact]
    public void TryDecode_EncodeOfRandomStrings_RoundTrips()
    {
        var random = new XorShift64(0x9E3779B97F4A7C15);
        var inputs = Enumerable.Range(0, 1000).Select(_ => random.NextString()).ToList();

        var failures = inputs
            .Where(s => !PercentEncoding.TryDecode(PercentEncoding.Encode(s), out var decoded) || decoded != s)
            .Select(Describe)
            .ToList();

        Assert.Empty(failures);
        // The generator must really have produced the hard cases, or the property says little.
        Assert.Contains(inputs, s => s.Any(char.IsSurrogate));
        Assert.Contains(inputs, s => s.Contains('+', StringComparison.Ordinal) || s.Contains('%', StringComparison.Ordinal));
    }

    [Fact]
    public void Encode_RandomStrings_EmitsOnlyUnreservedAndUpperCaseEscapes()
    {
        var random = new XorShift64(0xD1B54A32D192ED03);
        var inputs = Enumerable.Range(0, 1000).Select(_ => random.NextString()).ToList();

        var failures = inputs.Where(s => !IsStrictlyEncoded(PercentEncoding.Encode(s))).Select(Describe).ToList();

        Assert.Empty(failures);
    }

    private static bool IsStrictlyEncoded(string encoded)
    {
        for (var i = 0; i < encoded.Length; i++)
        {
            if (encoded[i] == '%')
            {
                if (i + 2 >= encoded.Length || !IsUpperHex(encoded[i + 1]) || !IsUpperHex(encoded[i + 2]))
                {
                    return false;
                }

                i += 2;
            }
            else if (!Unreserved.Contains(encoded[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsUpperHex(char c) => c is (>= '0' and <= '9') or (>= 'A' and <= 'F');

    private static string Describe(string value) =>
        string.Join(' ', value.EnumerateRunes().Select(r => "U+" + r.Value.ToString("X4", CultureInfo.InvariantCulture)));
}
