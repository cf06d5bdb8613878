using System.Text;
using System.Text.Json;
using Coffer.Core.Errors;

namespace Coffer.Core.Tags;

/// <summary>
/// The JSON forms of tags the single-resource calls and CreateKey take: <c>[{"TagKey":"k","TagValue":"v"}]</c> and
/// <c>["k1","k2"]</c>. Parsing only; <see cref="TagRules"/> checks the contents.
/// </summary>
public static class TagJson
{
    /// <summary>
    /// Parses an array of <c>{"TagKey","TagValue"}</c> objects (TagValue may be absent: empty). No other member, no
    /// member twice, strings only.
    /// </summary>
    /// <exception cref="KmsException">InvalidParameter naming <paramref name="parameter"/>.</exception>
    public static IReadOnlyList<Tag> ParseTags(string json, string parameter)
    {
        var tags = new List<Tag>();
        var reader = Start(json, parameter);
        try
        {
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    throw KmsException.Invalid(parameter);
                }

                string? key = null;
                string? value = null;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var name = reader.GetString();
                    if (!reader.Read() || reader.TokenType != JsonTokenType.String)
                    {
                        throw KmsException.Invalid(parameter);
                    }

                    switch (name)
                    {
                        case "TagKey" when key is null:
                            key = reader.GetString();
                            break;
                        case "TagValue" when value is null:
                            value = reader.GetString();
                            break;
                        default:
                            throw KmsException.Invalid(parameter);
                    }
                }

                tags.Add(new Tag(key ?? throw KmsException.Invalid(parameter), value ?? ""));
            }

            End(ref reader, parameter);
        }
        catch (JsonException)
        {
            throw KmsException.Invalid(parameter);
        }

        return tags;
    }

    /// <summary>Parses an array of strings (tag keys).</summary>
    /// <exception cref="KmsException">InvalidParameter naming <paramref name="parameter"/>.</exception>
    public static IReadOnlyList<string> ParseKeys(string json, string parameter)
    {
        var keys = new List<string>();
        var reader = Start(json, parameter);
        try
        {
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                keys.Add(reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw KmsException.Invalid(parameter));
            }

            End(ref reader, parameter);
        }
        catch (JsonException)
        {
            throw KmsException.Invalid(parameter);
        }

        return keys;
    }

    private static Utf8JsonReader Start(string json, string parameter)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json), new JsonReaderOptions { MaxDepth = 3 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                throw KmsException.Invalid(parameter);
            }
        }
        catch (JsonException)
        {
            throw KmsException.Invalid(parameter);
        }

        return reader;
    }

    private static void End(ref Utf8JsonReader reader, string parameter)
    {
        if (reader.TokenType != JsonTokenType.EndArray || reader.Read())
        {
            throw KmsException.Invalid(parameter);
        }
    }
}
