using System.Globalization;
using Coffer.Core.Errors;
using Coffer.Core.Requests;

namespace Coffer.Server.Binding;

/// <summary>
/// Typed access to a request's parameters for binders. Binders read every required parameter first (step 12:
/// MissingParameter in the API table's order) and then parse values (step 13: InvalidParameter). Empty means absent.
/// </summary>
public sealed class ParameterReader(RpcRequest request)
{
    /// <summary>The value of a required parameter.</summary>
    /// <exception cref="KmsException">MissingParameter naming it when absent or empty.</exception>
    public string Required(string name) => Optional(name) ?? throw KmsException.Missing(name);

    /// <summary>
    /// The value of a required parameter whose empty value means something (UpdateKeyDescription's Description clears
    /// the description): only absence is MissingParameter.
    /// </summary>
    /// <exception cref="KmsException">MissingParameter naming it when absent.</exception>
    public string RequiredAllowingEmpty(string name) => request.Get(name) ?? throw KmsException.Missing(name);

    /// <summary>A required boolean: <c>true</c>/<c>false</c> in any case.</summary>
    /// <exception cref="KmsException">MissingParameter when absent or empty; InvalidParameter for anything else.</exception>
    public bool RequiredBool(string name) => OptionalBool(name) ?? throw KmsException.Missing(name);

    /// <summary>The value of an optional parameter; null when absent or empty.</summary>
    public string? Optional(string name) => request.Get(name) is { Length: > 0 } value ? value : null;

    /// <summary>An optional boolean: <c>true</c>/<c>false</c> in any case.</summary>
    /// <exception cref="KmsException">InvalidParameter for anything else.</exception>
    public bool? OptionalBool(string name) => Optional(name) switch
    {
        null => null,
        var v when v.Equals("true", StringComparison.OrdinalIgnoreCase) => true,
        var v when v.Equals("false", StringComparison.OrdinalIgnoreCase) => false,
        _ => throw KmsException.Invalid(name),
    };

    /// <summary>An optional 32-bit integer written as plain decimal digits.</summary>
    /// <exception cref="KmsException">InvalidParameter for anything else.</exception>
    public int? OptionalInt(string name)
    {
        var value = Optional(name);
        if (value is null)
        {
            return null;
        }

        return value.All(char.IsAsciiDigit) && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw KmsException.Invalid(name);
    }

    /// <summary>An optional 64-bit integer written as plain decimal digits (KeyMaterialExpireUnix).</summary>
    /// <exception cref="KmsException">InvalidParameter for anything else.</exception>
    public long? OptionalLong(string name)
    {
        var value = Optional(name);
        if (value is null)
        {
            return null;
        }

        return value.All(char.IsAsciiDigit) && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw KmsException.Invalid(name);
    }

    /// <summary>An EncryptionContext in its JSON form or the dotted <c>Name.key=value</c> form.</summary>
    /// <exception cref="KmsException">InvalidParameter naming it.</exception>
    public EncryptionContext Context(string name) => EncryptionContext.Parse(Optional(name), request.WithPrefix(name), name);

    /// <summary>
    /// Refuses a parameter whose feature Coffer does not have yet: present → InvalidParameter naming it, never
    /// silently ignored.
    /// </summary>
    public void NotYetSupported(string name)
    {
        if (Optional(name) is not null || request.WithPrefix(name).Count > 0)
        {
            throw KmsException.Invalid(name);
        }
    }

    /// <summary>True when any dotted parameter <c>Name.…</c> is present (UpdateSecret's flattened ExtendedConfig).</summary>
    public bool HasPrefixed(string name) => request.WithPrefix(name).Any();

    /// <summary>
    /// A flattened list <c>Name.1</c> … <c>Name.N</c>, ordered by N. Empty values count as absent; names whose suffix is
    /// not a positive number are not part of the list (unknown parameters are ignored).
    /// </summary>
    public IReadOnlyList<string> List(string name) =>
        request.WithPrefix(name)
            .Select(p => (Index: Index(p.Key), p.Value))
            .Where(p => p.Index > 0 && p.Value.Length > 0)
            .OrderBy(p => p.Index)
            .Select(p => p.Value)
            .ToList();

    /// <summary>
    /// A flattened list of objects <c>Name.N.Field</c> (TagResources' <c>Tag.1.Key</c>, <c>Tag.1.Value</c>): one map of
    /// field to value per N, ordered by N.
    /// </summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> ObjectList(string name)
    {
        var items = new SortedDictionary<int, Dictionary<string, string>>();
        foreach (var (suffix, value) in request.WithPrefix(name))
        {
            var dot = suffix.IndexOf('.', StringComparison.Ordinal);
            var index = dot > 0 ? Index(suffix[..dot]) : 0;
            if (index == 0)
            {
                continue;
            }

            if (!items.TryGetValue(index, out var fields))
            {
                items[index] = fields = new Dictionary<string, string>(StringComparer.Ordinal);
            }

            fields[suffix[(dot + 1)..]] = value;
        }

        return items.Values.ToList<IReadOnlyDictionary<string, string>>();
    }

    private static int Index(string text) =>
        text.Length > 0 && text.All(char.IsAsciiDigit) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
}
