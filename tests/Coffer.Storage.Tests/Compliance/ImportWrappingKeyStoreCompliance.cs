using Coffer.Core.Accounts;
using Coffer.Core.Import;
using Coffer.Core.Keys;
using Coffer.Crypto.Asymmetric;
using static Coffer.Storage.Tests.Compliance.StoreTestData;

namespace Coffer.Storage.Tests.Compliance;

/// <summary>The <see cref="Core.Storage.IImportWrappingKeyStore"/> contract, run against every provider.</summary>
public abstract class ImportWrappingKeyStoreCompliance : StoreCompliance
{
    private static readonly AccountId A = AccountId(1);
    private static readonly AccountId B = AccountId(2);
    private Key _key = null!;
    private Key _otherKey = null!;

    /// <inheritdoc />
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await Store.Accounts.CreateAsync(Account(1), Ct);
        await Store.Accounts.CreateAsync(Account(2), Ct);
        var (key, version) = Key(A, 1, state: KeyState.PendingImport);
        var (other, otherVersion) = Key(B, 2, state: KeyState.PendingImport);
        await Store.Keys.CreateAsync(key, version, Ct);
        await Store.Keys.CreateAsync(other, otherVersion, Ct);
        (_key, _otherKey) = (key, other);
    }

    [Theory]
    [InlineData(AsymmetricKeySpec.Rsa2048, AsymmetricEncryptionAlgorithm.RsaesPkcs1V15)]
    [InlineData(AsymmetricKeySpec.Rsa2048, AsymmetricEncryptionAlgorithm.RsaesOaepSha1)]
    [InlineData(AsymmetricKeySpec.Rsa2048, AsymmetricEncryptionAlgorithm.RsaesOaepSha256)]
    [InlineData(AsymmetricKeySpec.EcSm2, AsymmetricEncryptionAlgorithm.Sm2Pke)]
    public async Task FindAsync_Created_ReturnsEveryField(AsymmetricKeySpec spec, AsymmetricEncryptionAlgorithm algorithm)
    {
        var row = new ImportWrappingKey(A, _key.Id, Id(10, 'c'), new WrappingParameters(spec, algorithm), Bytes(3, 1200), T0, T0.AddHours(24));
        await Store.ImportWrappingKeys.CreateAsync(row, Ct);

        var found = await Store.ImportWrappingKeys.FindAsync(A, _key.Id, row.Id, Ct);

        Assert.NotNull(found);
        Assert.Equal(row.Parameters, found.Parameters);
        Assert.Equal(row.WrappedPrivateKey, found.WrappedPrivateKey);
        Assert.Equal(row with { WrappedPrivateKey = found.WrappedPrivateKey }, found);
    }

    [Fact]
    public async Task FindAsync_OtherAccountOtherKeyOrUnknownId_ReturnsNull()
    {
        var row = KeyStoreCompliance.WrappingKey(_key, Id(10, 'c'));
        await Store.ImportWrappingKeys.CreateAsync(row, Ct);

        Assert.Null(await Store.ImportWrappingKeys.FindAsync(B, _key.Id, row.Id, Ct));
        Assert.Null(await Store.ImportWrappingKeys.FindAsync(A, _otherKey.Id, row.Id, Ct));
        Assert.Null(await Store.ImportWrappingKeys.FindAsync(A, _key.Id, Id(11, 'c'), Ct));
    }

    [Fact]
    public async Task DeleteExpiredAsync_DeletesThoseExpiredAtOrBeforeNowAcrossAccountsUpToTheLimit()
    {
        await Store.ImportWrappingKeys.CreateAsync(KeyStoreCompliance.WrappingKey(_key, Id(10, 'c'), T0.AddHours(1)), Ct);
        await Store.ImportWrappingKeys.CreateAsync(KeyStoreCompliance.WrappingKey(_otherKey, Id(11, 'c'), T0.AddHours(2)), Ct);
        await Store.ImportWrappingKeys.CreateAsync(KeyStoreCompliance.WrappingKey(_key, Id(12, 'c'), T0.AddHours(3)), Ct);

        var first = await Store.ImportWrappingKeys.DeleteExpiredAsync(T0.AddHours(2), 1, Ct);
        var second = await Store.ImportWrappingKeys.DeleteExpiredAsync(T0.AddHours(2), 10, Ct);

        Assert.Equal(1, first);
        Assert.Equal(1, second);
        Assert.Null(await Store.ImportWrappingKeys.FindAsync(A, _key.Id, Id(10, 'c'), Ct));
        Assert.Null(await Store.ImportWrappingKeys.FindAsync(B, _otherKey.Id, Id(11, 'c'), Ct));
        Assert.NotNull(await Store.ImportWrappingKeys.FindAsync(A, _key.Id, Id(12, 'c'), Ct));
    }
}
