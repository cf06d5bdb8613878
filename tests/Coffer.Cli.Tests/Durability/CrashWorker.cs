using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Coffer.Testing;

namespace Coffer.Cli.Tests.Durability;

/// <summary>
/// One signed client of the crash load: it sends writes one after another (V2 or V3 signatures) on the keys, aliases
/// and secrets it made itself, and hands every answer to the ledger, until the server it talks to is killed.
/// </summary>
internal sealed class CrashWorker(int index, CrashLedger ledger)
{
    private const int MaxKeyVersions = 10;
    private const int MaxSecretVersions = 8;
    private static readonly string[] RotationIntervals = ["604800", "2592000", "31536000"];

    private readonly List<string> _keys = [];
    private readonly List<string> _aliases = [];
    private readonly List<string> _secrets = [];
    private int _counter;

    /// <summary>Sends writes until a call fails at the transport level (the server died) or is refused.</summary>
    public async Task RunAsync(SigningClient client, bool signV3, SeededRandom random, int cycle, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var (operation, parameters) = Next(random);
            ledger.Send(index, operation);
            CofferResponse response;
            try
            {
                response = signV3
                    ? await client.CallV3Async(operation.Kind.ToString(), parameters, cancellationToken: CancellationToken.None)
                    : await client.CallV2Async(operation.Kind.ToString(), parameters, cancellationToken: CancellationToken.None);
            }
            // A kill between connect and the client's first use of the socket surfaces as a bare SocketException
            // (ENOTCONN from RemoteEndPoint), not wrapped in HttpRequestException.
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException or SocketException)
            {
                return;
            }

            if (response.Status != HttpStatusCode.OK)
            {
                // Counted and left in flight: after the kill it must be there completely or not at all.
                ledger.Refuse(response);
                return;
            }

            var acknowledged = Complete(operation, response) with { Cycle = cycle };
            ledger.Acknowledge(index, acknowledged);
            switch (acknowledged.Kind)
            {
                case WriteKind.CreateKey:
                    _keys.Add(acknowledged.Target);
                    break;
                case WriteKind.CreateAlias:
                    _aliases.Add(acknowledged.Target);
                    break;
                case WriteKind.CreateSecret:
                    _secrets.Add(acknowledged.Target);
                    break;
            }
        }
    }

    private static WriteOperation Complete(WriteOperation sent, CofferResponse response)
    {
        switch (sent.Kind)
        {
            case WriteKind.CreateKey:
                var metadata = response.Json.GetProperty("KeyMetadata");
                return sent with { Target = metadata.GetProperty("KeyId").GetString()!, Version = metadata.GetProperty("PrimaryKeyVersion").GetString()! };
            case WriteKind.CreateKeyVersion:
                return sent with { Version = response.Json.GetProperty("KeyVersion").GetProperty("KeyVersionId").GetString()! };
            case WriteKind.Encrypt:
                return sent with
                {
                    Target = response.Field("KeyId"),
                    Version = response.Field("KeyVersionId"),
                    Value = response.Field("CiphertextBlob"),
                };
            default:
                return sent;
        }
    }

    private (WriteOperation Operation, Dictionary<string, string> Parameters) Next(SeededRandom random)
    {
        var n = (_counter++).ToString(CultureInfo.InvariantCulture);
        var roll = _keys.Count == 0 ? 0 : random.Next(100);
        if (roll < 14)
        {
            var description = $"crash-w{index}-k{n}";
            return (new WriteOperation(WriteKind.CreateKey, "", Data: description), new() { ["Description"] = description });
        }

        var key = _keys[random.Next(_keys.Count)];
        if (roll < 24)
        {
            var alias = $"alias/crash-w{index}-a{n}";
            return (new WriteOperation(WriteKind.CreateAlias, alias, key), new() { ["AliasName"] = alias, ["KeyId"] = key });
        }

        if (roll < 34 && _aliases.Count > 0 && _keys.Count > 1)
        {
            var alias = _aliases[random.Next(_aliases.Count)];
            var current = ledger.AliasTarget(alias);
            var other = _keys.Where(k => k != current).ElementAt(random.Next(_keys.Count - 1));
            return (new WriteOperation(WriteKind.UpdateAlias, alias, other), new() { ["AliasName"] = alias, ["KeyId"] = other });
        }

        if (roll < 44 && ledger.VersionCount(key) < MaxKeyVersions)
        {
            return (new WriteOperation(WriteKind.CreateKeyVersion, key), new() { ["KeyId"] = key });
        }

        if (roll < 52)
        {
            // Intervals of a week or more: the scheduler never rotates during the run, so every version is a CreateKeyVersion.
            var interval = random.Chance(0.3) ? "" : RotationIntervals[random.Next(RotationIntervals.Length)];
            var parameters = new Dictionary<string, string> { ["KeyId"] = key, ["EnableAutomaticRotation"] = interval.Length > 0 ? "true" : "false" };
            if (interval.Length > 0)
            {
                parameters["RotationInterval"] = interval + "s";
            }

            return (new WriteOperation(WriteKind.UpdateRotationPolicy, key, interval), parameters);
        }

        var secret = _secrets.Count > 0 ? _secrets[random.Next(_secrets.Count)] : null;
        if (roll < 62 || secret is null || (roll < 77 && ledger.SecretVersionCount(secret) >= MaxSecretVersions))
        {
            var name = $"crash-w{index}-s{n}";
            var data = "s-" + random.Hex(12);
            return (new WriteOperation(WriteKind.CreateSecret, name, Version: "v" + n, Data: data),
                new() { ["SecretName"] = name, ["VersionId"] = "v" + n, ["SecretData"] = data });
        }

        if (roll < 77)
        {
            var data = "s-" + random.Hex(12);
            return (new WriteOperation(WriteKind.PutSecretValue, secret, Version: "v" + n, Data: data),
                new() { ["SecretName"] = secret, ["VersionId"] = "v" + n, ["SecretData"] = data });
        }

        var plaintext = "p-" + random.Hex(10);
        var target = _aliases.Count > 0 && random.Chance(0.3) ? _aliases[random.Next(_aliases.Count)] : key;
        return (new WriteOperation(WriteKind.Encrypt, target, Data: plaintext), new() { ["KeyId"] = target, ["Plaintext"] = plaintext });
    }
}
