using System.Text;
using Coffer.Core.Accounts;
using Coffer.Core.Keys;
using Coffer.Crypto.Wrapping;
using Microsoft.Data.Sqlite;

namespace Coffer.Server.Tests.Storage;

/// <summary>
/// DECISIONS.md "Keys and ciphertexts": the database alone never reveals a key. Searches the raw bytes of the
/// SQLite file and its WAL for every secret the test can know, in raw, hex and base64 form.
/// </summary>
public sealed class AtRestTests(CofferApplicationFactory factory) : IClassFixture<CofferApplicationFactory>
{
    [Fact]
    public async Task Database_AfterKeysEncryptionsAndDataKeys_HoldsNoSecretInAnyEncoding()
    {
        var canary = "coffer-canary-" + Guid.NewGuid().ToString("N");
        var secrets = new List<(string What, byte[] Bytes)>
        {
            ("AccessKeySecret", Encoding.UTF8.GetBytes(factory.AccessKeySecret)),
        };
        foreach (var spec in new[] { "Aliyun_AES_256", "Aliyun_AES_128", "Aliyun_AES_192", "Aliyun_SM4" })
        {
            var keyId = await factory.Client.CreateKeyAsync(spec, canary);
            var plaintext = $"plaintext for {spec} {Guid.NewGuid():N}";
            await factory.Client.EncryptAsync(keyId, plaintext, "{\"k\":\"v\"}");
            secrets.Add(("plaintext " + spec, Encoding.UTF8.GetBytes(plaintext)));
            foreach (var length in new[] { "16", "32", "64" })
            {
                var dataKey = Expect.Ok(await factory.Client.CallAsync("GenerateDataKey", Params.Of(("KeyId", keyId), ("NumberOfBytes", length))))
                    .GetProperty("Plaintext").GetString()!;
                secrets.Add(($"data key {length} of {spec}", Convert.FromBase64String(dataKey)));
            }
        }

        var materials = ReadKeyMaterial();
        secrets.AddRange(materials);
        var files = AtRestScan.ReadDatabaseFiles(factory.DataDirectory);

        Assert.Equal(4, materials.Count);
        // Proves the scan can fail: the same search finds a value that is meant to be stored in the clear.
        Assert.True(files.Any(f => AtRestScan.Contains(f.Bytes, Encoding.UTF8.GetBytes(canary))), "the scan cannot even find the key Description");
        var found = secrets
            .SelectMany(s => AtRestScan.Forms(s.Bytes).Select(f => (s.What, f.Form, f.Bytes)))
            .SelectMany(s => files.Where(f => AtRestScan.Contains(f.Bytes, s.Bytes)).Select(f => $"{s.What} as {s.Form} in {f.Name}"))
            .ToList();
        Assert.Empty(found);
    }

    /// <summary>Unwraps every version's material with the root key, the way the server does, to know what to look for.</summary>
    private List<(string What, byte[] Bytes)> ReadKeyMaterial()
    {
        var rootText = File.ReadAllText(Path.Combine(factory.DataDirectory, "root.key"));
        Assert.True(RootKey.TryFromBase64(rootText, out var root));
        using var rootKey = root!;
        var materials = new List<(string, byte[])>();
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(factory.DataDirectory, "coffer.db"),
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT k.account_id, k.id, v.id, k.spec, v.wrapped_material FROM key_versions v JOIN keys k ON k.id = v.key_id";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            Assert.True(KeySpecs.TryParse(reader.GetString(3), out var spec));
            var label = KeyMaterial.Label(new AccountId(reader.GetString(0)), new KeyId(reader.GetString(1)), new KeyVersionId(reader.GetString(2)), spec);
            var material = rootKey.TryUnwrap((byte[])reader.GetValue(4), label);
            Assert.NotNull(material);
            Assert.Equal(KeySpecs.MaterialLength(spec), material.Length);
            materials.Add(($"material of {reader.GetString(2)} ({reader.GetString(3)})", material));
        }

        return materials;
    }
}
