namespace Coffer.Server.Dispatch;

/// <summary>The dispatch table: Action name → endpoint. Every action not in it is InvalidAction.NotFound.</summary>
public sealed class ActionTable(IEnumerable<IActionEndpoint> endpoints)
{
    private readonly Dictionary<string, IActionEndpoint> _byName = endpoints.ToDictionary(e => e.Name, StringComparer.Ordinal);

    /// <summary>The endpoint for <paramref name="action"/>, or null.</summary>
    public IActionEndpoint? Find(string action) => _byName.GetValueOrDefault(action);

    /// <summary>The names the table serves.</summary>
    public IReadOnlyCollection<string> Names => _byName.Keys;
}
