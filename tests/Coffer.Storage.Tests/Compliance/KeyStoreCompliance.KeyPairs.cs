using Coffer.Core.Keys;
using static Coffer.Storage.Tests.Compliance.StoreTestData;

namespace Coffer.Storage.Tests.Compliance;

/// <summary>Key pairs and HMAC keys: every spec name, and a version's public key, survive every read.</summary>
public abstract partial class KeyStoreCompliance
{
    public static TheoryData<KeySpec> EverySpec => [.. KeySpecs.All];

    [Theory]
    [MemberData(nameof(EverySpec))]
    public async Task FindAsync_KeyOfEverySpec_ReadsTheSpecAndUsageBack(KeySpec spec)
    {
        var (key, version) = Key(A, 1, spec: spec);
        key = key with { Usage = KeySpecs.DefaultUsage(spec) };
        await Store.Keys.CreateAsync(key, version, Ct);

        var found = await Store.Keys.FindAsync(A, key.Id, Ct);

        Assert.Equal(key, found);
    }

    [Fact]
    public async Task CreateAsync_KeyPairVersion_EveryReadReturnsThePublicKeyByteForByte()
    {
        var (key, version) = Key(A, 1, spec: KeySpec.EcP256);
        version = version with { PublicKey = Bytes(9, length: 91) };
        await Store.Keys.CreateAsync(key, version, Ct);

        var byVersion = await Store.Keys.FindVersionAsync(A, version.Id, Ct);
        var byKey = await Store.Keys.GetVersionAsync(key.Id, version.Id, Ct);
        var (listed, _) = await Store.Keys.ListVersionsAsync(key.Id, 0, 10, Ct);

        Assert.NotNull(byVersion);
        AssertSameVersion(version, byVersion.Value.Version);
        Assert.NotNull(byKey);
        AssertSameVersion(version, byKey);
        AssertSameVersion(version, Assert.Single(listed));
    }

    [Fact]
    public async Task CreateAsync_VersionWithoutPublicKey_ReadsBackNull()
    {
        var (key, version) = Key(A, 1, spec: KeySpec.HmacSha256);
        await Store.Keys.CreateAsync(key, version, Ct);

        var found = await Store.Keys.GetVersionAsync(key.Id, version.Id, Ct);

        Assert.NotNull(found);
        Assert.Null(found.PublicKey);
    }

    [Fact]
    public async Task TryAddVersionAsync_KeyPairVersions_EachKeepsItsOwnPublicKey()
    {
        var (key, first) = Key(A, 1, spec: KeySpec.Rsa2048);
        first = first with { PublicKey = Bytes(1, length: 294) };
        await Store.Keys.CreateAsync(key, first, Ct);
        var second = new KeyVersion(key.Id, new KeyVersionId(Id(2, 'b')), T0.AddDays(1), Bytes(2), Bytes(2, length: 294));

        Assert.True(await Store.Keys.TryAddVersionAsync(key with { PrimaryVersion = second.Id }, key.Revision, second, Ct));

        AssertSameVersion(first, (await Store.Keys.GetVersionAsync(key.Id, first.Id, Ct))!);
        AssertSameVersion(second, (await Store.Keys.GetVersionAsync(key.Id, second.Id, Ct))!);
    }
}
