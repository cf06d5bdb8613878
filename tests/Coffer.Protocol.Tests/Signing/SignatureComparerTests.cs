using Coffer.Protocol.Signing;

namespace Coffer.Protocol.Tests.Signing;

public sealed class SignatureComparerTests
{
    [Theory]
    [InlineData("ARQAhFL2ukNVMbYeh4jtWbV5G/s=")]
    [InlineData("696b5ada23b454a5d9ea62f6d460c87d43598a1e8174b229d14c491fa9054752")]
    [InlineData("")]
    public void FixedTimeEquals_SameText_ReturnsTrue(string signature)
    {
        var copy = new string(signature.AsSpan());

        var equal = SignatureComparer.FixedTimeEquals(signature, copy);

        Assert.True(equal);
    }

    [Theory]
    [InlineData("ARQAhFL2ukNVMbYeh4jtWbV5G/s=", "ARQAhFL2ukNVMbYeh4jtWbV5G/t=")]
    [InlineData("ARQAhFL2ukNVMbYeh4jtWbV5G/s=", "BRQAhFL2ukNVMbYeh4jtWbV5G/s=")]
    [InlineData("abcdef", "ABCDEF")]
    public void FixedTimeEquals_SameLengthDifferentText_ReturnsFalse(string presented, string computed)
    {
        var equal = SignatureComparer.FixedTimeEquals(presented, computed);

        Assert.False(equal);
    }

    [Theory]
    [InlineData("ARQAhFL2ukNVMbYeh4jtWbV5G/s=", "ARQAhFL2ukNVMbYeh4jtWbV5G/s")]
    [InlineData("ARQAhFL2ukNVMbYeh4jtWbV5G/s", "ARQAhFL2ukNVMbYeh4jtWbV5G/s=")]
    [InlineData("", "ARQAhFL2ukNVMbYeh4jtWbV5G/s=")]
    [InlineData("ARQAhFL2ukNVMbYeh4jtWbV5G/s=", "")]
    public void FixedTimeEquals_DifferentLength_ReturnsFalse(string presented, string computed)
    {
        var equal = SignatureComparer.FixedTimeEquals(presented, computed);

        Assert.False(equal);
    }
}
