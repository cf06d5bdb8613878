using System.Globalization;
using System.Net;
using System.Text.Json;
using Coffer.Testing;

namespace Coffer.Cli.Tests.Durability;

/// <summary>
/// What must hold for everything the server lists, acknowledged or not: every key encrypts and decrypts, every alias
/// resolves to a key, every secret has a readable ACSCurrent version.
/// </summary>
internal static class ServedInvariants
{
    /// <summary>Encrypts and decrypts with each key; one line per key that fails.</summary>
    public static async Task<List<string>> UsableAsync(SigningClient client, IEnumerable<string> keyIds, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        foreach (var keyId in keyIds)
        {
            var encrypted = await client.CallV2Async("Encrypt", new Dictionary<string, string> { ["KeyId"] = keyId, ["Plaintext"] = "probe" }, cancellationToken: cancellationToken);
            if (encrypted.Status != HttpStatusCode.OK)
            {
                problems.Add($"key {keyId} is listed but Encrypt answers {(int)encrypted.Status} {encrypted.Text}");
                continue;
            }

            var decrypted = await client.CallV2Async(
                "Decrypt", new Dictionary<string, string> { ["CiphertextBlob"] = encrypted.Field("CiphertextBlob") }, cancellationToken: cancellationToken);
            if (decrypted.Status != HttpStatusCode.OK || decrypted.Field("Plaintext") != "probe")
            {
                problems.Add($"key {keyId} is listed but Decrypt answers {(int)decrypted.Status} {decrypted.Text}");
            }
        }

        return problems;
    }

    /// <summary>Walks ListKeys, ListAliases and ListSecrets and checks every entry; returns the problems and the listed key IDs.</summary>
    public static async Task<(List<string> Problems, List<string> KeyIds, int Aliases, int Secrets)> ListingsAsync(
        SigningClient client, CancellationToken cancellationToken)
    {
        var keys = await AllAsync(client, "ListKeys", "Keys", "Key", cancellationToken);
        var keyIds = keys.Select(k => k.GetProperty("KeyId").GetString()!).ToList();
        var problems = await UsableAsync(client, keyIds, cancellationToken);

        var aliases = await AllAsync(client, "ListAliases", "Aliases", "Alias", cancellationToken);
        foreach (var alias in aliases)
        {
            var name = alias.GetProperty("AliasName").GetString()!;
            var resolved = await client.CallV2Async("DescribeKey", new Dictionary<string, string> { ["KeyId"] = name }, cancellationToken: cancellationToken);
            if (resolved.Status != HttpStatusCode.OK
                || resolved.Json.GetProperty("KeyMetadata").GetProperty("KeyId").GetString() != alias.GetProperty("KeyId").GetString())
            {
                problems.Add($"alias {name} is listed with key {alias.GetProperty("KeyId").GetString()} but DescribeKey answers {(int)resolved.Status} {resolved.Text}");
            }
        }

        var secrets = await AllAsync(client, "ListSecrets", "SecretList", "Secret", cancellationToken);
        foreach (var secret in secrets)
        {
            var name = secret.GetProperty("SecretName").GetString()!;
            var value = await client.CallV2Async("GetSecretValue", new Dictionary<string, string> { ["SecretName"] = name }, cancellationToken: cancellationToken);
            if (value.Status != HttpStatusCode.OK)
            {
                problems.Add($"secret {name} is listed but GetSecretValue answers {(int)value.Status} {value.Text}");
            }
        }

        return (problems, keyIds, aliases.Count, secrets.Count);
    }

    private static async Task<List<JsonElement>> AllAsync(SigningClient client, string action, string outer, string inner, CancellationToken cancellationToken)
    {
        var all = new List<JsonElement>();
        for (var page = 1; ; page++)
        {
            var response = await client.CallV2Async(
                action,
                new Dictionary<string, string> { ["PageNumber"] = page.ToString(CultureInfo.InvariantCulture), ["PageSize"] = "100" },
                cancellationToken: cancellationToken);
            if (response.Status != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"{action} page {page} answered {(int)response.Status} {response.Text}");
            }

            var items = response.Json.GetProperty(outer).GetProperty(inner).EnumerateArray().ToList();
            all.AddRange(items);
            if (items.Count < 100 || all.Count >= response.Json.GetProperty("TotalCount").GetInt32())
            {
                return all;
            }
        }
    }
}
