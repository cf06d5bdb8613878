using System.Collections;

namespace Coffer.Server.Rendering;

/// <summary>
/// An ordered response body, written as JSON or XML by <see cref="ResponseWriter"/>. Values are strings, numbers,
/// booleans, nested objects or <see cref="ResponseList"/>s.
/// </summary>
public sealed class ResponseObject : IEnumerable<KeyValuePair<string, object>>
{
    private readonly List<KeyValuePair<string, object>> _fields = [];

    /// <summary>Adds a string field.</summary>
    public void Add(string name, string value) => _fields.Add(new(name, value));

    /// <summary>Adds a number field.</summary>
    public void Add(string name, long value) => _fields.Add(new(name, value));

    /// <summary>Adds a boolean field.</summary>
    public void Add(string name, bool value) => _fields.Add(new(name, value));

    /// <summary>Adds an object field.</summary>
    public void Add(string name, ResponseObject value) => _fields.Add(new(name, value));

    /// <summary>Adds a wrapped list: <c>{"Keys":{"Key":[...]}}</c>.</summary>
    public void Add(string name, ResponseList value) => _fields.Add(new(name, value));

    /// <summary>Adds a bare array field.</summary>
    public void Add(string name, ResponseArray value) => _fields.Add(new(name, value));

    /// <summary>Puts a string field before all others (the RequestId of a success body).</summary>
    public void InsertFirst(string name, string value) => _fields.Insert(0, new(name, value));

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, object>> GetEnumerator() => _fields.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
