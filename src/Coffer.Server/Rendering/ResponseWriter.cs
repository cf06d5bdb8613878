using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Coffer.Server.Rendering;

/// <summary>The one writer of response bodies, JSON (default) or XML (<c>Format=XML</c>), successes and errors alike.</summary>
public static class ResponseWriter
{
    /// <summary>JSON content type.</summary>
    public const string JsonContentType = "application/json;charset=utf-8";

    /// <summary>XML content type.</summary>
    public const string XmlContentType = "text/xml;charset=utf-8";

    private const string XmlDeclaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";

    private static readonly JsonWriterOptions JsonOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    // Largest buffer a thread keeps between answers; a larger one (a long list) is dropped after its answer.
    private const int KeptBufferBytes = 64 * 1024;

    // One buffer and writer per thread, reused. Utf8JsonWriter asks for room for a string's worst-case escaping (six
    // bytes a character), so a fresh 256-byte buffer grew three or four times per answer: 20% of the bytes the Encrypt
    // bench allocated (dotnet-trace, allocation ticks with stacks). Rendering never awaits, so a thread renders one answer
    // at a time; the buffer is zeroed after each, as answers carry plaintexts and data keys.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _threadBuffer;

    [ThreadStatic]
    private static Utf8JsonWriter? _threadWriter;

    /// <summary>Serialises <paramref name="body"/> as JSON.</summary>
    public static byte[] Json(ResponseObject body)
    {
        var buffer = _threadBuffer ??= new ArrayBufferWriter<byte>(4096);
        var writer = _threadWriter ??= new Utf8JsonWriter(buffer, JsonOptions);
        try
        {
            WriteJsonObject(writer, body);
            writer.Flush();
            return buffer.WrittenSpan.ToArray();
        }
        finally
        {
            writer.Reset(buffer);
            buffer.Clear();
            if (buffer.Capacity > KeptBufferBytes)
            {
                _threadBuffer = null;
                _threadWriter = null;
            }
        }
    }

    /// <summary>
    /// Serialises <paramref name="body"/> as XML under <paramref name="root"/>; null when a value holds a character
    /// XML 1.0 cannot carry (controls other than tab, LF and CR; U+FFFE, U+FFFF; a lone surrogate).
    /// </summary>
    public static byte[]? TryXml(string root, ResponseObject body)
    {
        var builder = new StringBuilder(XmlDeclaration);
        builder.Append('<').Append(root).Append('>');
        if (!TryWriteXmlFields(builder, body))
        {
            return null;
        }

        builder.Append("</").Append(root).Append('>');
        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    private static void WriteJsonObject(Utf8JsonWriter writer, ResponseObject body)
    {
        writer.WriteStartObject();
        foreach (var (name, value) in body)
        {
            writer.WritePropertyName(name);
            WriteJsonValue(writer, value);
        }

        writer.WriteEndObject();
    }

    private static void WriteJsonValue(Utf8JsonWriter writer, object value)
    {
        switch (value)
        {
            case string s:
                writer.WriteStringValue(s);
                break;
            case long n:
                writer.WriteNumberValue(n);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case ResponseObject o:
                WriteJsonObject(writer, o);
                break;
            case ResponseArray array:
                writer.WriteStartArray();
                foreach (var item in array.Items)
                {
                    WriteJsonObject(writer, item);
                }

                writer.WriteEndArray();
                break;
            case ResponseList list:
                writer.WriteStartObject();
                writer.WritePropertyName(list.ItemName);
                writer.WriteStartArray();
                foreach (var item in list.Items)
                {
                    WriteJsonValue(writer, item);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
                break;
            default:
                throw new InvalidOperationException($"Unsupported response value type {value.GetType().Name}.");
        }
    }

    private static bool TryWriteXmlFields(StringBuilder builder, ResponseObject body)
    {
        foreach (var (name, value) in body)
        {
            if (value is ResponseArray array)
            {
                if (array.Items.Any(item => !TryWriteXmlElement(builder, name, item)))
                {
                    return false;
                }

                continue;
            }

            if (!TryWriteXmlElement(builder, name, value))
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryWriteXmlElement(StringBuilder builder, string name, object value)
    {
        builder.Append('<').Append(name).Append('>');
        switch (value)
        {
            case string s:
                if (!TryEscape(builder, s))
                {
                    return false;
                }

                break;
            case long n:
                builder.Append(n.ToString(System.Globalization.CultureInfo.InvariantCulture));
                break;
            case bool b:
                builder.Append(b ? "true" : "false");
                break;
            case ResponseObject o:
                if (!TryWriteXmlFields(builder, o))
                {
                    return false;
                }

                break;
            case ResponseList list:
                foreach (var item in list.Items)
                {
                    if (!TryWriteXmlElement(builder, list.ItemName, item))
                    {
                        return false;
                    }
                }

                break;
            default:
                throw new InvalidOperationException($"Unsupported response value type {value.GetType().Name}.");
        }

        builder.Append("</").Append(name).Append('>');
        return true;
    }

    /// <summary>True when every character of <paramref name="text"/> can appear in an XML 1.0 document.</summary>
    public static bool CanCarryInXml(string text) => TryEscape(new StringBuilder(text.Length), text);

    private static bool TryEscape(StringBuilder builder, string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '<': builder.Append("&lt;"); break;
                case '>': builder.Append("&gt;"); break;
                case '&': builder.Append("&amp;"); break;
                case '"': builder.Append("&quot;"); break;
                case '\'': builder.Append("&apos;"); break;
                case '\r': builder.Append("&#xD;"); break;
                case '\t' or '\n': builder.Append(c); break;
                case < ' ' or '\uFFFE' or '\uFFFF': return false;
                default:
                    if (char.IsSurrogate(c))
                    {
                        if (!char.IsHighSurrogate(c) || i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
                        {
                            return false;
                        }

                        builder.Append(c).Append(text[++i]);
                        break;
                    }

                    builder.Append(c);
                    break;
            }
        }

        return true;
    }
}
