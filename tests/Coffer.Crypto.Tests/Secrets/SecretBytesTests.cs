using Coffer.Crypto.Secrets;

namespace Coffer.Crypto.Tests.Secrets;

public sealed class SecretBytesTests
{
    [Fact]
    public void Span_BeforeDispose_ReturnsGivenBytes()
    {
        using var secret = new SecretBytes([1, 2, 3, 4]);

        var bytes = secret.Span.ToArray();

        Assert.Equal([1, 2, 3, 4], bytes);
        Assert.Equal(4, secret.Length);
    }

    [Fact]
    public void Dispose_Always_ZeroesTheArrayItWasGiven()
    {
        // The test keeps the array it handed over to observe what Dispose does to it.
        var buffer = new byte[] { 0xde, 0xad, 0xbe, 0xef, 0x01 };
        var secret = new SecretBytes(buffer);

        secret.Dispose();

        Assert.All(buffer, b => Assert.Equal(0, b));
    }

    [Fact]
    public void Span_AfterDispose_ThrowsObjectDisposedException()
    {
        var secret = new SecretBytes([1, 2, 3]);
        secret.Dispose();

        void Act() => _ = secret.Span.Length;

        Assert.Throws<ObjectDisposedException>(Act);
    }

    [Fact]
    public void Dispose_Twice_DoesNotThrow()
    {
        var secret = new SecretBytes([1, 2, 3]);
        secret.Dispose();

        var exception = Record.Exception(secret.Dispose);

        Assert.Null(exception);
    }

    [Fact]
    public void Constructor_NullArray_ThrowsArgumentNullException()
    {
        void Act() => _ = new SecretBytes(null!);

        Assert.Throws<ArgumentNullException>(Act);
    }

    [Fact]
    public void ToString_Always_DoesNotRevealContent()
    {
        byte[] content = [0x53, 0x45, 0x43, 0x52, 0x45, 0x54, 0x4b, 0x45, 0x59];
        using var secret = new SecretBytes((byte[])content.Clone());

        var text = secret.ToString();

        Assert.DoesNotContain("SECRETKEY", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToHexString(content), text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Convert.ToBase64String(content), text, StringComparison.Ordinal);
        Assert.DoesNotContain("83, 69", text, StringComparison.Ordinal);
        Assert.Contains("redacted", text, StringComparison.Ordinal);
    }
}
