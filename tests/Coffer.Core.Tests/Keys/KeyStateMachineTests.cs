using Coffer.Core.Errors;
using Coffer.Core.Keys;

namespace Coffer.Core.Tests.Keys;

public sealed class KeyStateMachineTests
{
    public static TheoryData<KeyState> States => [.. Enum.GetValues<KeyState>()];

    [Fact]
    public void EnsureCanUseMaterial_Enabled_DoesNotThrow()
    {
        KeyStateMachine.EnsureCanUseMaterial(KeyState.Enabled);
    }

    [Theory]
    [InlineData(KeyState.Disabled, KmsErrorCode.KeyDisabled)]
    [InlineData(KeyState.PendingDeletion, KmsErrorCode.KeyPendingDeletion)]
    [InlineData(KeyState.PendingImport, KmsErrorCode.KeyPendingImport)]
    public void EnsureCanUseMaterial_NotEnabled_ThrowsTheStatesCode(KeyState state, KmsErrorCode expected)
    {
        var error = Assert.Throws<KmsException>(() => KeyStateMachine.EnsureCanUseMaterial(state));

        Assert.Equal(expected, error.Code);
    }

    [Fact]
    public void EnsureCanUseMaterial_EveryStateButEnabled_Throws()
    {
        var refused = Enum.GetValues<KeyState>().Where(s => Record.Exception(() => KeyStateMachine.EnsureCanUseMaterial(s)) is not null);

        Assert.Equal(Enum.GetValues<KeyState>().Where(s => s != KeyState.Enabled), refused);
    }

    [Theory]
    [MemberData(nameof(States))]
    public void Parse_NameOfEveryState_RoundTrips(KeyState state)
    {
        var name = KeyStateMachine.Name(state);

        Assert.Equal(state, KeyStateMachine.Parse(name));
    }

    [Theory]
    [InlineData(KeyState.Enabled, "Enabled")]
    [InlineData(KeyState.Disabled, "Disabled")]
    [InlineData(KeyState.PendingDeletion, "PendingDeletion")]
    [InlineData(KeyState.PendingImport, "PendingImport")]
    public void Name_EveryState_IsAlibabasSpelling(KeyState state, string expected)
    {
        Assert.Equal(expected, KeyStateMachine.Name(state));
    }

    [Theory]
    [InlineData("enabled")]
    [InlineData("ENABLED")]
    [InlineData("Pending Deletion")]
    [InlineData("")]
    [InlineData("Deleted")]
    public void Parse_UnknownName_ThrowsFormatException(string name)
    {
        Assert.Throws<FormatException>(() => KeyStateMachine.Parse(name));
    }

    [Fact]
    public void Name_UndefinedState_ThrowsArgumentOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => KeyStateMachine.Name((KeyState)99));
    }
}
