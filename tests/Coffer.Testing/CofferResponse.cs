using System.Net;
using System.Text.Json;

namespace Coffer.Testing;

/// <summary>An answer from Coffer: status, content type, raw text, and the JSON root when the body is JSON.</summary>
public sealed record CofferResponse(HttpStatusCode Status, string ContentType, string Text, string? RequestIdHeader)
{
    /// <summary>The parsed JSON body (throws when the body is not JSON).</summary>
    public JsonElement Json => JsonDocument.Parse(Text).RootElement;

    /// <summary>The top-level Code of an error body, or null.</summary>
    public string? Code => Text.StartsWith('{') && Json.TryGetProperty(nameof(Code), out var c) ? c.GetString() : null;

    /// <summary>A top-level string field.</summary>
    public string Field(string name) => Json.GetProperty(name).GetString()!;
}
