using System.Text;
using System.Text.Json;
using Coffer.Core.Accounts;
using Coffer.Core.Keys;
using Coffer.Crypto.Envelope;
using Coffer.Crypto.Wrapping;
using Microsoft.Data.Sqlite;

namespace Coffer.Server.Tests.Storage;

/// <summary>
/// Issue 5: nothing of a secret's value is in the database in the clear. Searches the raw bytes of the SQLite file
/// and its WAL for every secret value and every per-version data key, in raw, hex and base64 form, and proves the
/// scan can fail with a canary that is stored in the clear on purpose (the secret's Description).
/// </summary>
public sealed class SecretAtRestTests(CofferApplicationFactory factory) : IClassFixture<CofferApplicationFactory>
{
    [Fact]
    public async Task Database_AfterSecretCalls_HoldsNoSecretValueOrDataKeyInAnyEncoding()
    {
        var canary = "coffer-secret-canary-" + Guid.NewGuid().ToString("N");
        var keyId = await factory.Client.CreateKeyAsync();
        var values = new List<string>();
        foreach (var (name, key, type) in new[] { ("svc/one", (string?)null, "text"), ("kms/two", keyId, "binary") })
        {
            var first = $"first value of {name} {Guid.NewGuid():N}";
            var second = $"second value of {name} {Guid.NewGuid():N}";
            var parameters = Params.Of(("SecretName", name), ("SecretData", first), ("VersionId", "v1"), ("SecretDataType", type), ("Description", canary));
            if (key is not null)
            {
                parameters["EncryptionKeyId"] = key;
            }

            Expect.Ok(await factory.Client.CallAsync("CreateSecret", parameters));
            Expect.Ok(await factory.Client.CallAsync("PutSecretValue", Params.Of(("SecretName", name), ("SecretData", second), ("VersionId", "v2"))));
            Expect.Ok(await factory.Client.CallAsync("GetSecretValue", Params.Of(("SecretName", name), ("VersionStage", "ACSPrevious"))));
            values.Add(first);
            values.Add(second);
        }

        Expect.Ok(await factory.Client.CallAsync(
            "BatchGetSecretValue", Params.Of(("SecretsList", JsonSerializer.Serialize(new[] { new { SecretName = "svc/one" }, new { SecretName = "kms/two" } })))));
        var secrets = values.Select(v => ("value " + v[..12], Encoding.UTF8.GetBytes(v))).ToList();
        var dataKeys = ReadDataKeys();
        secrets.AddRange(dataKeys);
        var files = AtRestScan.ReadDatabaseFiles(factory.DataDirectory);

        Assert.Equal(4, dataKeys.Count);
        Assert.True(files.Any(f => AtRestScan.Contains(f.Bytes, Encoding.UTF8.GetBytes(canary))), "the scan cannot even find the secret Description");
        var found = secrets
            .SelectMany(s => AtRestScan.Forms(s.Item2).Select(f => (What: s.Item1, f.Form, f.Bytes)))
            .SelectMany(s => files.Where(f => AtRestScan.Contains(f.Bytes, s.Bytes)).Select(f => $"{s.What} as {s.Form} in {f.Name}"))
            .ToList();
        Assert.Empty(found);
    }

    /// <summary>Opens every version's sealed data key the way the server does, to know what to look for.</summary>
    private List<(string What, byte[] Bytes)> ReadDataKeys()
    {
        var rootText = File.ReadAllText(Path.Combine(factory.DataDirectory, "root.key"));
        Assert.True(RootKey.TryFromBase64(rootText, out var root));
        using var rootKey = root!;
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(factory.DataDirectory, "coffer.db"),
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        connection.Open();
        var rows = new List<(string Account, string Name, string Version, string? KeyId, byte[] Sealed)>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText =
                "SELECT v.account_id, v.secret_name, v.version_id, s.encryption_key_id, v.sealed_key FROM secret_versions v " +
                "JOIN secrets s ON s.account_id = v.account_id AND s.name = v.secret_name";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3), (byte[])reader[4]));
            }
        }

        var keys = new List<(string, byte[])>();
        foreach (var row in rows)
        {
            byte[]? dataKey;
            if (row.KeyId is null)
            {
                dataKey = rootKey.TryUnwrap(row.Sealed, $"coffer:secret-key:v1|{row.Account}|{row.Name}|{row.Version}");
            }
            else
            {
                var versionId = Encoding.ASCII.GetString(row.Sealed, 0, CiphertextBlob.VersionIdLength);
                using var command = connection.CreateCommand();
                command.CommandText = "SELECT k.spec, v.wrapped_material FROM key_versions v JOIN keys k ON k.id = v.key_id WHERE v.id = $v";
                command.Parameters.AddWithValue("$v", versionId);
                using var reader = command.ExecuteReader();
                Assert.True(reader.Read());
                Assert.True(KeySpecs.TryParse(reader.GetString(0), out var spec));
                var material = rootKey.TryUnwrap(
                    (byte[])reader[1], KeyMaterial.Label(new AccountId(row.Account), new KeyId(row.KeyId), new KeyVersionId(versionId), spec));
                Assert.NotNull(material);
                var context = new Dictionary<string, string> { ["coffer:secret"] = row.Name, ["coffer:version"] = row.Version };
                dataKey = CiphertextBlob.TryOpen(KeySpecs.Cipher(spec), material, row.Sealed, EncryptionContextDigest.Compute(context));
            }

            Assert.NotNull(dataKey);
            Assert.Equal(32, dataKey.Length);
            keys.Add(($"data key of {row.Name}/{row.Version}", dataKey));
        }

        return keys;
    }
}
