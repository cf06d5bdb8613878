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
    private readonly Dictionary<string, string> _all = query.Concat(form).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    /// <summary>GET or POST.</summary>
    public string Method { get; } = method;

    /// <summary>Decoded query parameters, in wire order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Query { get; } = query;

    /// <summary>Decoded form-body parameters, in wire order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Form { get; } = form;

    /// <summary>The raw body (hashed for V3 signatures).</summary>
    public byte[] Body { get; } = body;

    /// <summary>Every parameter, query and form together.</summary>
    public IEnumerable<KeyValuePair<string, string>> All => _all;

    /// <summary>A parameter's value, or null when absent.</summary>
    public string? Get(string name) => _all.GetValueOrDefault(name);

    /// <summary>Parameters named <c>prefix.X</c>, as (X, value), in wire order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> WithPrefix(string prefix)
    {
        var dotted = prefix + ".";
        return Query.Concat(Form)
            .Where(p => p.Key.StartsWith(dotted, StringComparison.Ordinal))
            .Select(p => new KeyValuePair<string, string>(p.Key[dotted.Length..], p.Value))
            .ToList();
    }

    /// <summary>True when the request asked for XML (<c>Format=XML</c>, any case).</summary>
    public bool WantsXml => string.Equals(Get("Format"), "xml", StringComparison.OrdinalIgnoreCase);
}
