using System.Text.Json;
using Coffer.Core.Errors;
using Coffer.Crypto.Envelope;

namespace Coffer.Core.Requests;

/// <summary>
/// An EncryptionContext: a map of strings. Absent, empty and <c>{}</c> all mean no context; two contexts are
/// equal when their maps are equal. Its AAD is Alibaba's digest (<see cref="EncryptionContextDigest"/>).
/// </summary>
public sealed class EncryptionContext
{
    /// <summary>Longest JSON text accepted, in characters.</summary>
    public const int MaxJsonLength = 8_192;

    private static readonly Dictionary<string, string> NoPairs = [];

    private EncryptionContext(IReadOnlyDictionary<string, string> pairs) => Pairs = pairs;

    /// <summary>No context.</summary>
    public static EncryptionContext None { get; } = new(NoPairs);

    /// <summary>The pairs.</summary>
    public IReadOnlyDictionary<string, string> Pairs { get; }

    /// <summary>The AAD bytes: empty without pairs.</summary>
    public byte[] AssociatedData() => EncryptionContextDigest.Compute(Pairs);

    /// <summary>
    /// Builds a context from the JSON form (<paramref name="json"/>) or the dotted form
    /// (<c>EncryptionContext.k=v</c>, given as <paramref name="dotted"/> with the prefix removed).
    /// </summary>
    /// <exception cref="KmsException">InvalidParameter naming <paramref name="parameter"/>.</exception>
    public static EncryptionContext Parse(string? json, IReadOnlyList<KeyValuePair<string, string>> dotted, string parameter)
    {
        var hasJson = !string.IsNullOrEmpty(json);
        if (hasJson && dotted.Count > 0)
        {
            throw KmsException.Invalid(parameter);
        }

        if (dotted.Count > 0)
        {
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            var length = 2;
            foreach (var (key, value) in dotted)
            {
                if (key.Length == 0 || !map.TryAdd(key, value))
                {
                    throw KmsException.Invalid(parameter);
                }

                length += key.Length + value.Length + 6;
            }

            if (length > MaxJsonLength)
            {
                throw KmsException.Invalid(parameter);
            }

            return new EncryptionContext(map);
        }

        return hasJson ? ParseJson(json!, parameter) : None;
    }

    private static EncryptionContext ParseJson(string json, string parameter)
    {
        if (json.Length > MaxJsonLength)
        {
            throw KmsException.Invalid(parameter);
        }

        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(json), new JsonReaderOptions { MaxDepth = 2 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw KmsException.Invalid(parameter);
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var key = reader.GetString()!;
                if (!reader.Read() || reader.TokenType != JsonTokenType.String || !map.TryAdd(key, reader.GetString()!))
                {
                    throw KmsException.Invalid(parameter);
                }
            }

            if (reader.Read())
            {
                throw KmsException.Invalid(parameter);
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a string escape that is not valid UTF-16 (a lone surrogate).
            throw KmsException.Invalid(parameter);
        }

        return map.Count == 0 ? None : new EncryptionContext(map);
    }

    /// <inheritdoc />
    public override string ToString() => $"EncryptionContext({Pairs.Count} pairs)";
}
