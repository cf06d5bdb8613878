using System.Buffers;
using System.Text;

namespace Coffer.Protocol.Signing;

/// <summary>
/// The encodings of Alibaba's RPC protocol: the strict RFC 3986 encoding both signatures use (upper-case hex,
/// only <c>A-Z a-z 0-9 - _ . ~</c> literal), and the lenient form decoding of what clients put on the wire.
/// </summary>
public static class PercentEncoding
{
    private const string Hex = "0123456789ABCDEF";
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly SearchValues<char> UnreservedChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~");

    /// <summary>Strict encoding of <paramref name="value"/>'s UTF-8 bytes.</summary>
    public static string Encode(string value)
    {
        var first = value.AsSpan().IndexOfAnyExcept(UnreservedChars);
        if (first < 0)
        {
            return value;
        }

        var builder = new StringBuilder(value.Length + 16);
        builder.Append(value, 0, first);
        AppendEncoded(builder, value.AsSpan(first), "%");
        return builder.ToString();
    }

    /// <summary>
    /// Appends the strict encoding of <paramref name="value"/>'s UTF-8 bytes, each escaped byte written as
    /// <paramref name="escape"/> and two upper-case hex digits: <c>"%"</c> encodes once, <c>"%25"</c> encodes twice
    /// (the encoding of an encoding, as signatures need). A lone surrogate counts as U+FFFD, as UTF-8 encoding does.
    /// </summary>
    public static void AppendEncoded(StringBuilder builder, ReadOnlySpan<char> value, string escape)
    {
        Span<byte> utf8 = stackalloc byte[4];
        var i = 0;
        while (i < value.Length)
        {
            // Runs of unreserved characters (most of every value) are found by a vectorised search and copied at once.
            var run = value[i..].IndexOfAnyExcept(UnreservedChars);
            if (run < 0)
            {
                builder.Append(value[i..]);
                return;
            }

            builder.Append(value.Slice(i, run));
            i += run;
            var c = value[i];
            if (c < 0x80)
            {
                AppendEscape(builder, (byte)c, escape);
                i++;
                continue;
            }

            _ = Rune.DecodeFromUtf16(value[i..], out var rune, out var consumed);
            var written = rune.EncodeToUtf8(utf8);
            foreach (var b in utf8[..written])
            {
                AppendEscape(builder, b, escape);
            }

            i += consumed;
        }
    }

    /// <summary>
    /// Decodes one component of a query string or form body: <c>+</c> is a space, <c>%XX</c> a byte, and the bytes
    /// must be UTF-8. False for a truncated or non-hex escape or invalid UTF-8.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<char> encoded, out string decoded)
    {
        decoded = "";
        if (encoded.IndexOfAny('%', '+') < 0)
        {
            decoded = encoded.ToString();
            return true;
        }

        // Each character gives at most three UTF-8 bytes.
        var rented = encoded.Length > 256 ? ArrayPool<byte>.Shared.Rent(encoded.Length * 3) : null;
        var bytes = rented is null ? stackalloc byte[768] : rented;
        try
        {
            var length = 0;
            for (var i = 0; i < encoded.Length; i++)
            {
                var c = encoded[i];
                if (c == '+')
                {
                    bytes[length++] = (byte)' ';
                }
                else if (c == '%')
                {
                    if (i + 2 >= encoded.Length || !TryHex(encoded[i + 1], out var high) || !TryHex(encoded[i + 2], out var low))
                    {
                        return false;
                    }

                    bytes[length++] = (byte)((high << 4) | low);
                    i += 2;
                }
                else if (c < 0x80)
                {
                    bytes[length++] = (byte)c;
                }
                else
                {
                    // Encode the whole run of raw characters at once, so surrogate pairs stay together.
                    var end = i;
                    while (end < encoded.Length && encoded[end] >= 0x80)
                    {
                        end++;
                    }

                    length += Encoding.UTF8.GetBytes(encoded[i..end], bytes[length..]);
                    i = end - 1;
                }
            }

            decoded = StrictUtf8.GetString(bytes[..length]);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// Splits <c>a=1&amp;b=2</c> into decoded pairs, appending to <paramref name="into"/>. False when any component
    /// does not decode. Empty segments are skipped; a name without <c>=</c> has an empty value.
    /// </summary>
    public static bool TryParsePairs(ReadOnlySpan<char> text, List<KeyValuePair<string, string>> into)
    {
        foreach (var range in text.Split('&'))
        {
            var segment = text[range];
            if (segment.IsEmpty)
            {
                continue;
            }

            var eq = segment.IndexOf('=');
            var rawName = eq < 0 ? segment : segment[..eq];
            var rawValue = eq < 0 ? [] : segment[(eq + 1)..];
            if (!TryDecode(rawName, out var name) || !TryDecode(rawValue, out var value))
            {
                return false;
            }

            into.Add(new KeyValuePair<string, string>(name, value));
        }

        return true;
    }

    private static void AppendEscape(StringBuilder builder, byte b, string escape) =>
        builder.Append(escape).Append(Hex[b >> 4]).Append(Hex[b & 0xF]);

    private static bool TryHex(char c, out int value)
    {
        value = c switch
        {
            >= '0' and <= '9' => c - '0',
            >= 'A' and <= 'F' => c - 'A' + 10,
            >= 'a' and <= 'f' => c - 'a' + 10,
            _ => -1,
        };
        return value >= 0;
    }
}
