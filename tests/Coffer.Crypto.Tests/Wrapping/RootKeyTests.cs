using System.Text;
using Coffer.Crypto.Wrapping;

namespace Coffer.Crypto.Tests.Wrapping;

public sealed class RootKeyTests
{
    private const string Label = "account:1/key:abc/version:def";

    private static readonly byte[] Material = Encoding.ASCII.GetBytes("key material");

    [Fact]
    public void TryUnwrap_SameKeyAndLabel_ReturnsPlaintext()
    {
        using var root = RootKey.Generate();
        var record = root.Wrap(Material, Label);

        var unwrapped = root.TryUnwrap(record, Label);

        Assert.Equal(Material, unwrapped);
    }

    [Fact]
    public void Wrap_Always_IsVersionByteIvCiphertextTag()
    {
        using var root = RootKey.Generate();

        var record = root.Wrap(Material, Label);

        Assert.Equal(1 + 12 + Material.Length + 16, record.Length);
        Assert.Equal(1, record[0]);
    }

    [Fact]
    public void TryUnwrap_EmptyPlaintext_ReturnsEmpty()
    {
        using var root = RootKey.Generate();
        var record = root.Wrap([], Label);

        var unwrapped = root.TryUnwrap(record, Label);

        Assert.NotNull(unwrapped);
        Assert.Empty(unwrapped);
    }

    [Theory]
    [InlineData("account:1/key:abc/version:deF")]
    [InlineData("account:1/key:abc/version:de")]
    [InlineData("")]
    public void TryUnwrap_WrongLabel_ReturnsNull(string wrongLabel)
    {
        using var root = RootKey.Generate();
        var record = root.Wrap(Material, Label);

        var unwrapped = root.TryUnwrap(record, wrongLabel);

        Assert.Null(unwrapped);
    }

    [Fact]
    public void TryUnwrap_AnotherRootKey_ReturnsNull()
    {
        using var root = RootKey.Generate();
        using var other = RootKey.Generate();
        var record = root.Wrap(Material, Label);

        var unwrapped = other.TryUnwrap(record, Label);

        Assert.Null(unwrapped);
    }

    [Fact]
    public void TryUnwrap_AnySingleByteTamper_ReturnsNull()
    {
        using var root = RootKey.Generate();
        var record = root.Wrap(Material, Label);
        var opened = new List<string>();

        for (var index = 0; index < record.Length; index++)
        {
            for (var mask = 1; mask <= 0xff; mask++)
            {
                var tampered = (byte[])record.Clone();
                tampered[index] ^= (byte)mask;
                if (root.TryUnwrap(tampered, Label) is not null)
                {
                    opened.Add($"byte {index} xor 0x{mask:x2}");
                }
            }
        }

        Assert.True(opened.Count == 0, $"tampered records unwrapped: {string.Join(", ", opened.Take(10))}");
    }

    [Fact]
    public void TryUnwrap_AnyTruncation_ReturnsNull()
    {
        using var root = RootKey.Generate();
        var record = root.Wrap(Material, Label);
        var opened = new List<int>();

        for (var length = 0; length < record.Length; length++)
        {
            if (root.TryUnwrap(record.AsSpan(0, length), Label) is not null)
            {
                opened.Add(length);
            }
        }

        Assert.True(opened.Count == 0, $"truncated records unwrapped at lengths: {string.Join(", ", opened)}");
    }

    [Fact]
    public void VerifyCheckRecord_OwnKey_ReturnsTrue()
    {
        using var root = RootKey.Generate();
        var check = root.CreateCheckRecord();

        var verified = root.VerifyCheckRecord(check);

        Assert.True(verified);
    }

    [Fact]
    public void VerifyCheckRecord_AnotherKey_ReturnsFalse()
    {
        using var root = RootKey.Generate();
        using var other = RootKey.Generate();
        var check = root.CreateCheckRecord();

        var verified = other.VerifyCheckRecord(check);

        Assert.False(verified);
    }

    [Fact]
    public void VerifyCheckRecord_RecordWrappedUnderAnotherLabel_ReturnsFalse()
    {
        using var root = RootKey.Generate();
        var record = root.Wrap(Encoding.ASCII.GetBytes("coffer:root-check:v1"), Label);

        var verified = root.VerifyCheckRecord(record);

        Assert.False(verified);
    }

    [Fact]
    public void VerifyCheckRecord_ReloadedFromBase64_ReturnsTrue()
    {
        using var root = RootKey.Generate();
        var check = root.CreateCheckRecord();

        var parsed = RootKey.TryFromBase64(root.ExportBase64(), out var reloaded);
        using var disposable = reloaded;

        Assert.True(parsed);
        Assert.NotNull(reloaded);
        Assert.True(reloaded.VerifyCheckRecord(check));
    }

    [Fact]
    public void TryFromBase64_ThirtyTwoBytes_ReturnsKeyWithThoseBytes()
    {
        var bytes = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        var text = Convert.ToBase64String(bytes);

        var parsed = RootKey.TryFromBase64(text, out var root);
        using var disposable = root;

        Assert.True(parsed);
        Assert.NotNull(root);
        Assert.Equal(text, root.ExportBase64());
    }

    [Fact]
    public void TryFromBase64_SurroundingWhitespace_IsTrimmed()
    {
        var text = Convert.ToBase64String(new byte[32]);

        var parsed = RootKey.TryFromBase64($"  {text}\n", out var root);
        using var disposable = root;

        Assert.True(parsed);
        Assert.NotNull(root);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(33)]
    [InlineData(34)]
    [InlineData(35)]
    [InlineData(36)]
    [InlineData(64)]
    public void TryFromBase64_NotThirtyTwoBytes_ReturnsFalse(int length)
    {
        var text = Convert.ToBase64String(new byte[length]);

        var parsed = RootKey.TryFromBase64(text, out var root);

        Assert.False(parsed);
        Assert.Null(root);
    }

    [Theory]
    [InlineData("not base64 at all!")]
    [InlineData("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8")]
    [InlineData("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8*")]
    [InlineData("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=AAAA")]
    public void TryFromBase64_NotBase64_ReturnsFalse(string text)
    {
        var parsed = RootKey.TryFromBase64(text, out var root);

        Assert.False(parsed);
        Assert.Null(root);
    }

    [Theory]
    [InlineData(31)]
    [InlineData(33)]
    public void FromBytes_NotThirtyTwoBytes_ThrowsArgumentException(int length)
    {
        void Act() => RootKey.FromBytes(new byte[length]);

        Assert.Throws<ArgumentException>(Act);
    }

    [Fact]
    public void ToString_Always_ContainsNoKeyBytes()
    {
        var bytes = Enumerable.Range(0xa0, 32).Select(i => (byte)i).ToArray();
        using var root = RootKey.FromBytes(bytes);

        var text = root.ToString();

        Assert.DoesNotContain(Convert.ToBase64String(bytes), text, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(bytes)[..8], text, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToHexString(bytes)[..8], text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("redacted", text, StringComparison.Ordinal);
    }

    [Fact]
    public void FromBytes_CallerBufferChangedAfterwards_KeyUnaffected()
    {
        var bytes = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        using var root = RootKey.FromBytes(bytes);
        var record = root.Wrap(Material, Label);

        Array.Clear(bytes);
        var unwrapped = root.TryUnwrap(record, Label);

        Assert.Equal(Material, unwrapped);
    }

    [Fact]
    public void Mac_Always_IsHmacSha256UnderTheHkdfDerivedKey()
    {
        var raw = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        using var root = RootKey.FromBytes(raw);
        var derived = System.Security.Cryptography.HKDF.DeriveKey(
            System.Security.Cryptography.HashAlgorithmName.SHA256, raw, 32, [], Encoding.UTF8.GetBytes("coffer:derived:v1|fingerprint"));

        var mac = root.Mac("fingerprint", Material);

        Assert.Equal(System.Security.Cryptography.HMACSHA256.HashData(derived, Material), mac);
    }

    [Fact]
    public void Mac_OtherPurposeOrOtherRoot_Differs()
    {
        using var root = RootKey.Generate();
        using var other = RootKey.Generate();

        var mac = root.Mac("fingerprint", Material);

        Assert.Equal(32, mac.Length);
        Assert.Equal(mac, root.Mac("fingerprint", Material));
        Assert.NotEqual(mac, root.Mac("token", Material));
        Assert.NotEqual(mac, other.Mac("fingerprint", Material));
        Assert.True(root.VerifyMac("fingerprint", Material, mac));
        Assert.False(root.VerifyMac("fingerprint", Material, mac.AsSpan(0, 31)));
        Assert.False(root.VerifyMac("token", Material, mac));
    }
}
