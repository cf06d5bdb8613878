using Coffer.Core.Access;
using Coffer.Core.Accounts;
using Coffer.Core.Keys;

namespace Coffer.Storage.Tests.Compliance;

/// <summary>Rows for the compliance suites. Times are whole seconds, so every provider stores them exactly.</summary>
public static class StoreTestData
{
    /// <summary>A fixed instant the suites count from.</summary>
    public static readonly DateTimeOffset T0 = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

    /// <summary>A 16-digit account UID, distinct per <paramref name="n"/>.</summary>
    public static AccountId AccountId(int n) => new($"1{n:D15}");

    /// <summary>An account.</summary>
    public static Account Account(int n, AccountStatus status = AccountStatus.Opened, DateTimeOffset? created = null) =>
        new(AccountId(n), status, created ?? T0, Revision: 1);

    /// <summary>A lower-case GUID whose ordinal order follows <paramref name="n"/>.</summary>
    public static string Id(int n, char kind = 'a') => $"{kind}0000000-0000-4000-8000-{n:D12}";

    /// <summary>Recognisable, distinct bytes standing in for wrapped material or a wrapped secret.</summary>
    public static byte[] Bytes(int n, int length = 45) => Enumerable.Range(0, length).Select(i => (byte)(((i * 7) + n) % 256)).ToArray();

    /// <summary>A key of <paramref name="account"/> with id <c>Guid(n)</c> and its first version <c>Guid(n, 'b')</c>.</summary>
    public static (Key Key, KeyVersion Version) Key(
        AccountId account, int n, DateTimeOffset? created = null, KeyState state = KeyState.Enabled, KeySpec spec = KeySpec.AliyunAes256)
    {
        var at = created ?? T0;
        var keyId = new KeyId(Id(n));
        var versionId = new KeyVersionId(Id(n, 'b'));
        var key = new Key(
            account, keyId, spec, "ENCRYPT/DECRYPT", "Aliyun_KMS", "SOFTWARE", state, $"key {n}", at, versionId, at,
            DeleteDate: state == KeyState.PendingDeletion ? at.AddDays(7) : null, DeletionProtection: false, Revision: 1);
        return (key, new KeyVersion(keyId, versionId, at, Bytes(n)));
    }

    /// <summary>An enabled AccessKey of <paramref name="account"/>.</summary>
    public static AccessKey AccessKey(AccountId account, string id, DateTimeOffset? created = null) =>
        new(id, account, Bytes(id.Length), Enabled: true, created ?? T0, Revision: 1);
}
