using Coffer.Crypto.Wrapping;

namespace Coffer.Crypto.Tests;

public sealed class SmokeTests
{
    [Fact]
    public void RootKey_WrapThenUnwrap_RoundTrips()
    {
        using var root = RootKey.Generate();

        var record = root.Wrap([1, 2, 3], "label");

        Assert.Equal([1, 2, 3], root.TryUnwrap(record, "label"));
        Assert.Null(root.TryUnwrap(record, "other"));
    }
}
