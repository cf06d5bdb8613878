using System.Net;
using System.Text;
using Coffer.Testing;

namespace Coffer.Cli.Tests.Durability;

/// <summary>
/// Every write the crash load got a 200 for, the model of keys, aliases and secrets those writes define, and each
/// worker's write in flight when the server was killed. Each object belongs to one worker, which writes it in order,
/// so after a kill an object is either as the acknowledged writes left it or, at most, one unanswered write further.
/// </summary>
internal sealed class CrashLedger
{
    private readonly Lock _gate = new();
    private readonly List<WriteOperation> _acknowledged = [];
    private readonly Dictionary<int, WriteOperation> _inFlight = [];
    private readonly Dictionary<string, KeyModel> _keys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _aliases = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SecretModel> _secrets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _refusals = new(StringComparer.Ordinal);

    /// <summary>Writes answered 200.</summary>
    public IReadOnlyList<WriteOperation> Acknowledged
    {
        get
        {
            lock (_gate)
            {
                return [.. _acknowledged];
            }
        }
    }

    /// <summary>How many writes have been acknowledged so far.</summary>
    public int AcknowledgedCount
    {
        get
        {
            lock (_gate)
            {
                return _acknowledged.Count;
            }
        }
    }

    /// <summary>Unanswered writes whose effect was found after the kill (allowed: the answer was lost, not the write).</summary>
    public int UnacknowledgedPresent { get; private set; }

    /// <summary>Unanswered writes whose effect was not found (allowed).</summary>
    public int UnacknowledgedAbsent { get; private set; }

    /// <summary>Broken invariants and inconsistent unanswered writes, one line each.</summary>
    public List<string> Violations { get; } = [];

    /// <summary>Non-200 answers during the load, by status and Code (a server under load may refuse; none is a write).</summary>
    public string Refusals
    {
        get
        {
            lock (_gate)
            {
                return _refusals.Count == 0 ? "none" : string.Join(", ", _refusals.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Value}× {r.Key}"));
            }
        }
    }

    /// <summary>The acknowledged writes found missing (with why).</summary>
    public IReadOnlyList<WriteOperation> Lost => Acknowledged.Where(o => o.LostBecause is not null).ToList();

    /// <summary>"CreateKey 12, CreateAlias 7, …": the acknowledged writes by action.</summary>
    public string AcknowledgedByAction() =>
        string.Join(", ", Acknowledged.GroupBy(o => o.Kind).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"));

    /// <summary>Fails, with the counts and the first 30 lost writes and violations, when an acknowledged write is missing or an invariant broke.</summary>
    public void AssertNothingLost(string context)
    {
        var lost = Lost;
        var failure = new StringBuilder();
        foreach (var operation in lost.Take(30))
        {
            failure.Append("lost: ").Append(operation.Describe()).Append(": ").Append(operation.LostBecause).Append('\n');
        }

        foreach (var violation in Violations.Take(30))
        {
            failure.Append(violation).Append('\n');
        }

        Assert.True(failure.Length == 0, $"{context}: {lost.Count} acknowledged writes lost, {Violations.Count} violations\n{failure}");
    }

    /// <summary>Notes the write a worker is about to send.</summary>
    public void Send(int worker, WriteOperation operation)
    {
        lock (_gate)
        {
            _inFlight[worker] = operation;
        }
    }

    /// <summary>Records a 200 answer: the write is acknowledged and becomes part of the model.</summary>
    public void Acknowledge(int worker, WriteOperation operation)
    {
        lock (_gate)
        {
            _inFlight.Remove(worker);
            _acknowledged.Add(operation);
            Apply(operation);
        }
    }

    /// <summary>Records a refusal; the write stays in flight (a refused write must not be half there either).</summary>
    public void Refuse(CofferResponse response) => Refuse((int)response.Status, response.Code);

    /// <summary>Records a refusal by its HTTP status and Code.</summary>
    public void Refuse(int status, string? code)
    {
        lock (_gate)
        {
            var name = $"{status} {code}";
            _refusals[name] = _refusals.GetValueOrDefault(name) + 1;
        }
    }

    /// <summary>Number of acknowledged versions of a key.</summary>
    public int VersionCount(string keyId)
    {
        lock (_gate)
        {
            return _keys[keyId].Versions.Count;
        }
    }

    /// <summary>Number of acknowledged versions of a secret.</summary>
    public int SecretVersionCount(string name)
    {
        lock (_gate)
        {
            return _secrets[name].Versions.Count;
        }
    }

    /// <summary>The key an alias must point at.</summary>
    public string AliasTarget(string name)
    {
        lock (_gate)
        {
            return _aliases[name];
        }
    }

    /// <summary>
    /// Settles each write in flight at the kill against what the database holds: it is there completely (then the
    /// model takes it in) or not at all; anything in between is a violation.
    /// </summary>
    public void Settle(DatabaseSnapshot snapshot, int kill)
    {
        lock (_gate)
        {
            // An Encrypt in flight leaves nothing to find (its nonce only), so it is neither present nor absent.
            foreach (var operation in _inFlight.Values.Where(o => o.Kind != WriteKind.Encrypt))
            {
                var present = SettleOne(operation, snapshot, out var problem);
                if (problem is not null)
                {
                    Violations.Add($"after kill {kill}: unanswered {operation.Describe()} is half there: {problem}");
                }
                else if (present)
                {
                    UnacknowledgedPresent++;
                }
                else
                {
                    UnacknowledgedAbsent++;
                }
            }

            _inFlight.Clear();
        }
    }

    /// <summary>Checks every acknowledged write (of every cycle so far) against the database; a failure marks it lost.</summary>
    public void CheckStored(DatabaseSnapshot snapshot, int kill)
    {
        lock (_gate)
        {
            foreach (var operation in _acknowledged.Where(o => o.LostBecause is null))
            {
                if (StoredProblem(operation, snapshot) is { } problem)
                {
                    operation.LostBecause = $"after kill {kill}, in coffer.db: {problem}";
                }
            }
        }
    }

    /// <summary>
    /// After <see cref="Settle"/>: every version the database holds for a key of the load was acknowledged or settled,
    /// so no CreateKeyVersion made two versions (a retried or replayed request, or two nodes each adding one).
    /// </summary>
    public void CheckNoExtraVersions(DatabaseSnapshot snapshot, string when)
    {
        lock (_gate)
        {
            foreach (var (keyId, model) in _keys)
            {
                var extra = snapshot.VersionsOf(keyId).Except(model.Versions).Order(StringComparer.Ordinal).ToList();
                if (extra.Count > 0)
                {
                    Violations.Add($"{when}: key {keyId} has versions no write accounts for: {string.Join(", ", extra)}");
                }
            }
        }
    }

    /// <summary>Checks acknowledged writes through the running server: keys, versions and aliases resolve, secret versions read back, ciphertexts decrypt.</summary>
    public async Task CheckServedAsync(SigningClient client, IEnumerable<WriteOperation> operations, string when, CancellationToken cancellationToken)
    {
        var answers = new Dictionary<string, CofferResponse>(StringComparer.Ordinal);
        async Task<CofferResponse> Call(string action, Dictionary<string, string> parameters)
        {
            var cacheKey = action + "?" + SigningClient.Encode(parameters.OrderBy(p => p.Key, StringComparer.Ordinal));
            if (!answers.TryGetValue(cacheKey, out var response))
            {
                answers[cacheKey] = response = await client.CallV2Async(action, parameters, cancellationToken: cancellationToken);
            }

            return response;
        }

        foreach (var operation in operations.Where(o => o.LostBecause is null).ToList())
        {
            string? problem;
            switch (operation.Kind)
            {
                case WriteKind.CreateKey or WriteKind.CreateKeyVersion or WriteKind.UpdateRotationPolicy:
                    var model = Model(operation.Target);
                    var describe = await Call("DescribeKey", new() { ["KeyId"] = operation.Target });
                    problem = Refused(describe)
                        ?? Differs("KeyState", "Enabled", Metadata(describe, "KeyState"))
                        ?? Differs("PrimaryKeyVersion", model.Primary, Metadata(describe, "PrimaryKeyVersion"))
                        ?? Differs("AutomaticRotation", model.Rotation.Length == 0 ? "Disabled" : "Enabled", Metadata(describe, "AutomaticRotation"))
                        ?? (model.Rotation.Length == 0 ? null : Differs("RotationInterval", model.Rotation + "s", Metadata(describe, "RotationInterval")));
                    if (problem is null && operation.Kind != WriteKind.UpdateRotationPolicy)
                    {
                        var list = await Call("ListKeyVersions", new() { ["KeyId"] = operation.Target, ["PageSize"] = "100" });
                        problem = Refused(list) ?? (ListedVersions(list).Contains(operation.Version)
                            ? null
                            : $"ListKeyVersions lacks {operation.Version}");
                    }

                    break;
                case WriteKind.CreateAlias or WriteKind.UpdateAlias:
                    var target = AliasTarget(operation.Target);
                    var resolved = await Call("DescribeKey", new() { ["KeyId"] = operation.Target });
                    problem = Refused(resolved) ?? Differs("KeyId of the alias", target, Metadata(resolved, "KeyId"));
                    break;
                case WriteKind.CreateSecret or WriteKind.PutSecretValue:
                    var secret = Secret(operation.Target);
                    var byVersion = await Call("GetSecretValue", new() { ["SecretName"] = operation.Target, ["VersionId"] = operation.Version });
                    var current = await Call("GetSecretValue", new() { ["SecretName"] = operation.Target });
                    problem = Refused(byVersion)
                        ?? Differs("SecretData", operation.Data, byVersion.Field("SecretData"))
                        ?? Refused(current)
                        ?? Differs("ACSCurrent VersionId", secret.Current, current.Field("VersionId"));
                    break;
                default:
                    var decrypted = await Call("Decrypt", new() { ["CiphertextBlob"] = operation.Value });
                    problem = Refused(decrypted)
                        ?? Differs("Plaintext", operation.Data, decrypted.Field("Plaintext"))
                        ?? Differs("KeyId", operation.Target, decrypted.Field("KeyId"))
                        ?? Differs("KeyVersionId", operation.Version, decrypted.Field("KeyVersionId"));
                    break;
            }

            if (problem is not null)
            {
                operation.LostBecause = $"{when}, through the server: {problem}";
            }
        }
    }

    private static string? Refused(CofferResponse response) =>
        response.Status == HttpStatusCode.OK ? null : $"answered {(int)response.Status} {response.Text}";

    private static string? Differs(string what, string expected, string actual) =>
        string.Equals(expected, actual, StringComparison.Ordinal) ? null : $"{what} is \"{actual}\", acknowledged \"{expected}\"";

    private static string Metadata(CofferResponse response, string name) =>
        response.Json.GetProperty("KeyMetadata").TryGetProperty(name, out var value) ? value.GetString() ?? "" : "";

    private static HashSet<string> ListedVersions(CofferResponse response) =>
        [.. response.Json.GetProperty("KeyVersions").GetProperty("KeyVersion").EnumerateArray().Select(v => v.GetProperty("KeyVersionId").GetString()!)];

    private KeyModel Model(string keyId)
    {
        lock (_gate)
        {
            return _keys[keyId];
        }
    }

    private SecretModel Secret(string name)
    {
        lock (_gate)
        {
            return _secrets[name];
        }
    }

    private void Apply(WriteOperation operation)
    {
        switch (operation.Kind)
        {
            case WriteKind.CreateKey:
                _keys[operation.Target] = new KeyModel(operation.Version);
                break;
            case WriteKind.CreateAlias or WriteKind.UpdateAlias:
                _aliases[operation.Target] = operation.Value;
                break;
            case WriteKind.CreateKeyVersion:
                _keys[operation.Target].Versions.Add(operation.Version);
                _keys[operation.Target].Primary = operation.Version;
                break;
            case WriteKind.UpdateRotationPolicy:
                _keys[operation.Target].Rotation = operation.Value;
                break;
            case WriteKind.CreateSecret:
                _secrets[operation.Target] = new SecretModel(operation.Version, operation.Data);
                break;
            case WriteKind.PutSecretValue:
                _secrets[operation.Target].Versions[operation.Version] = operation.Data;
                _secrets[operation.Target].Current = operation.Version;
                break;
            case WriteKind.Encrypt:
                break;
        }
    }

    private bool SettleOne(WriteOperation operation, DatabaseSnapshot snapshot, out string? problem)
    {
        problem = null;
        switch (operation.Kind)
        {
            case WriteKind.CreateKey:
                var made = snapshot.Keys.Where(k => k.Value.Description == operation.Data).Select(k => k.Key).ToList();
                problem = made.Count > 1 ? $"{made.Count} keys with its Description" : null;
                return made.Count == 1;
            case WriteKind.CreateAlias:
                if (!snapshot.Aliases.TryGetValue(operation.Target, out var created))
                {
                    return false;
                }

                problem = created == operation.Value ? null : $"the alias points at {created}";
                return true;
            case WriteKind.UpdateAlias:
                // An alias that is gone is a lost acknowledged CreateAlias, reported by CheckStored.
                if (snapshot.Aliases.TryGetValue(operation.Target, out var now) && now == operation.Value && now != _aliases[operation.Target])
                {
                    _aliases[operation.Target] = now;
                    return true;
                }

                return false;
            case WriteKind.CreateKeyVersion:
                var model = _keys[operation.Target];
                var extra = snapshot.VersionsOf(operation.Target).Except(model.Versions).ToList();
                if (extra.Count == 0)
                {
                    return false;
                }

                if (extra.Count > 1)
                {
                    problem = $"{extra.Count} unacknowledged versions";
                    return true;
                }

                if (snapshot.Keys.TryGetValue(operation.Target, out var key) && key.Primary != extra[0])
                {
                    problem = $"version {extra[0]} exists but the primary is {key.Primary}";
                    return true;
                }

                model.Versions.Add(extra[0]);
                model.Primary = extra[0];
                return true;
            case WriteKind.UpdateRotationPolicy:
                var rotation = _keys[operation.Target];
                if (snapshot.Keys.TryGetValue(operation.Target, out var stored) && stored.Rotation == operation.Value && stored.Rotation != rotation.Rotation)
                {
                    rotation.Rotation = stored.Rotation;
                    return true;
                }

                return false;
            case WriteKind.CreateSecret:
                if (!snapshot.Secrets.TryGetValue(operation.Target, out var versions))
                {
                    return false;
                }

                problem = versions.Count == 1 && snapshot.CurrentOf(operation.Target) == operation.Version
                    ? null
                    : $"the secret has versions [{string.Join(", ", versions.Keys)}], current {snapshot.CurrentOf(operation.Target) ?? "none"}";
                return true;
            case WriteKind.PutSecretValue:
                var secret = _secrets[operation.Target];
                if (!snapshot.Secrets.TryGetValue(operation.Target, out var stages) || !stages.ContainsKey(operation.Version))
                {
                    return false;
                }

                if (snapshot.CurrentOf(operation.Target) != operation.Version)
                {
                    problem = $"version {operation.Version} exists but ACSCurrent is on {snapshot.CurrentOf(operation.Target) ?? "none"}";
                    return true;
                }

                secret.Versions[operation.Version] = operation.Data;
                secret.Current = operation.Version;
                return true;
            default:
                return false;
        }
    }

    private string? StoredProblem(WriteOperation operation, DatabaseSnapshot snapshot)
    {
        switch (operation.Kind)
        {
            case WriteKind.CreateKey or WriteKind.CreateKeyVersion or WriteKind.UpdateRotationPolicy or WriteKind.Encrypt:
                if (!snapshot.Keys.TryGetValue(operation.Target, out var key))
                {
                    return $"key {operation.Target} is missing";
                }

                var model = _keys[operation.Target];
                if (operation.Kind != WriteKind.UpdateRotationPolicy && !snapshot.VersionsOf(operation.Target).Contains(operation.Version))
                {
                    return $"version {operation.Version} of key {operation.Target} is missing";
                }

                return operation.Kind switch
                {
                    WriteKind.CreateKey or WriteKind.CreateKeyVersion when key.Primary != model.Primary =>
                        $"primary version is {key.Primary}, acknowledged {model.Primary}",
                    WriteKind.UpdateRotationPolicy when key.Rotation != model.Rotation =>
                        $"rotation interval is \"{key.Rotation}\", acknowledged \"{model.Rotation}\"",
                    _ => null,
                };
            case WriteKind.CreateAlias or WriteKind.UpdateAlias:
                return !snapshot.Aliases.TryGetValue(operation.Target, out var keyId)
                    ? $"alias {operation.Target} is missing"
                    : keyId != _aliases[operation.Target] ? $"alias points at {keyId}, acknowledged {_aliases[operation.Target]}" : null;
            default:
                if (!snapshot.Secrets.TryGetValue(operation.Target, out var versions))
                {
                    return $"secret {operation.Target} is missing";
                }

                return !versions.ContainsKey(operation.Version)
                    ? $"version {operation.Version} of secret {operation.Target} is missing"
                    : snapshot.CurrentOf(operation.Target) != _secrets[operation.Target].Current
                        ? $"ACSCurrent is on {snapshot.CurrentOf(operation.Target)}, acknowledged {_secrets[operation.Target].Current}"
                        : null;
        }
    }
}
