using Coffer.Core.Keys;
using Coffer.Core.Storage;
using Coffer.Crypto.Wrapping;
using Microsoft.Extensions.DependencyInjection;

namespace Coffer.Bench;

/// <summary>
/// Seeds Aliyun_AES_256 keys of the bench AccessKey's account directly into the host's store, each with material made
/// and wrapped under the host's root key exactly as CreateKey makes it, several thousand per transaction. The
/// account's key quota is not applied (the keys do not go through CreateKey).
/// </summary>
internal static class ScaleSeeder
{
    private const int BatchSize = 5_000;

    public static async Task<string[]> SeedAsync(CofferHost host, int count)
    {
        var services = host.Services;
        var keys = services.GetRequiredService<IKeyStore>();
        var root = services.GetRequiredService<RootKey>();
        var accessKey = await services.GetRequiredService<IAccessKeyStore>().FindAsync(host.AccessKeyId, CancellationToken.None)
            ?? throw new InvalidOperationException("The bench AccessKey is not in the store.");
        var account = accessKey.Account;
        var now = TimeProvider.System.GetUtcNow();
        now = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
        var ids = new string[count];
        for (var start = 0; start < count; start += BatchSize)
        {
            // Material is made and wrapped on every core; the store then takes the batch in one transaction.
            var size = Math.Min(BatchSize, count - start);
            var creations = new KeyCreation[size];
            Parallel.For(0, size, j =>
            {
                var keyId = KeyId.New();
                var versionId = KeyVersionId.New();
                var version = KeyMaterial.NewVersion(root, account, keyId, versionId, KeySpec.AliyunAes256, now);
                var key = new Key(
                    account, keyId, KeySpec.AliyunAes256, KeySpecs.DefaultUsage(KeySpec.AliyunAes256), KeyOrigins.Kms, "SOFTWARE",
                    KeyState.Enabled, "scale", now, versionId, now, DeleteDate: null, DeletionProtection: false, Revision: 1);
                creations[j] = new KeyCreation(key, version, int.MaxValue);
                ids[start + j] = keyId.Value;
            });
            var results = await keys.TryCreateBatchAsync(creations, CancellationToken.None);
            if (results.Any(r => r.Outcome != KeyCreationOutcome.Created))
            {
                throw new InvalidOperationException("Seeding failed: a key was not stored.");
            }
        }

        return ids;
    }
}
