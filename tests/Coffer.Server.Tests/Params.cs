namespace Coffer.Server.Tests;

/// <summary>Short request-parameter dictionaries: <c>Params.Of(("KeyId", id), ("Plaintext", "x"))</c>.</summary>
internal static class Params
{
    public static Dictionary<string, string> Of(params (string Name, string Value)[] pairs) =>
        pairs.ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
}
