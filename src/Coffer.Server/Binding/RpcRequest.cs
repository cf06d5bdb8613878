namespace Coffer.Server.Binding;

/// <summary>
/// A parsed request: the decoded query and form parameters (names unique across both), the raw body, and the
/// response format it asked for.
/// </summary>
public sealed class RpcRequest(
    string method,
    IReadOnlyList<KeyValuePair<string, string>> query,
    IReadOnlyList<KeyValuePair<string, string>> form,
    byte[] body)
{
    private readonly (Dictionary<string, string> All, bool HasDuplicate) _index = Index(query, form);

    /// <summary>GET or POST.</summary>
    public string Method { get; } = method;

    /// <summary>Decoded query parameters, in wire order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Query { get; } = query;

    /// <summary>Decoded form-body parameters, in wire order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Form { get; } = form;

    /// <summary>The raw body (hashed for V3 signatures).</summary>
    public byte[] Body { get; } = body;

    /// <summary>Every parameter, query and form together.</summary>
    public IEnumerable<KeyValuePair<string, string>> All => _index.All;

    /// <summary>True when a name appears twice, in the query and the form together (the reader refuses such a request).</summary>
    public bool HasDuplicateNames => _index.HasDuplicate;

    /// <summary>A parameter's value, or null when absent.</summary>
    public string? Get(string name) => _index.All.GetValueOrDefault(name);

    /// <summary>Parameters named <c>prefix.X</c>, as (X, value), in wire order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> WithPrefix(string prefix)
    {
        List<KeyValuePair<string, string>>? found = null;
        AddWithPrefix(Query, prefix, ref found);
        AddWithPrefix(Form, prefix, ref found);
        return found ?? (IReadOnlyList<KeyValuePair<string, string>>)[];
    }

    /// <summary>True when the request asked for XML (<c>Format=XML</c>, any case).</summary>
    public bool WantsXml => string.Equals(Get("Format"), "xml", StringComparison.OrdinalIgnoreCase);

    private static void AddWithPrefix(IReadOnlyList<KeyValuePair<string, string>> pairs, string prefix, ref List<KeyValuePair<string, string>>? found)
    {
        foreach (var (name, value) in pairs)
        {
            if (name.Length > prefix.Length && name[prefix.Length] == '.' && name.StartsWith(prefix, StringComparison.Ordinal))
            {
                (found ??= []).Add(new KeyValuePair<string, string>(name[(prefix.Length + 1)..], value));
            }
        }
    }

    // The first value of each name; a later one only marks the request as having a duplicate.
    private static (Dictionary<string, string>, bool) Index(
        IReadOnlyList<KeyValuePair<string, string>> query, IReadOnlyList<KeyValuePair<string, string>> form)
    {
        var all = new Dictionary<string, string>(query.Count + form.Count, StringComparer.Ordinal);
        var duplicate = false;
        foreach (var (name, value) in query)
        {
            duplicate |= !all.TryAdd(name, value);
        }

        foreach (var (name, value) in form)
        {
            duplicate |= !all.TryAdd(name, value);
        }

        return (all, duplicate);
    }
}
