using Coffer.Core.Errors;

namespace Coffer.Core.Keys;

/// <summary>Names of key states and the guards each capability checks.</summary>
public static class KeyStateMachine
{
    /// <summary>Alibaba's name of the state (also the stored form).</summary>
    public static string Name(KeyState state) => state switch
    {
        KeyState.Enabled => "Enabled",
        KeyState.Disabled => "Disabled",
        KeyState.PendingDeletion => "PendingDeletion",
        KeyState.PendingImport => "PendingImport",
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    /// <summary>Parses a stored state name.</summary>
    public static KeyState Parse(string name) => name switch
    {
        "Enabled" => KeyState.Enabled,
        "Disabled" => KeyState.Disabled,
        "PendingDeletion" => KeyState.PendingDeletion,
        "PendingImport" => KeyState.PendingImport,
        _ => throw new FormatException("Unknown key state in storage."),
    };

    /// <summary>
    /// Guard for every call that uses key material (Encrypt, Decrypt, GenerateDataKey*): the key must be Enabled.
    /// </summary>
    /// <exception cref="KmsException">Rejected.Disabled, Rejected.PendingDeletion or Rejected.PendingImport.</exception>
    public static void EnsureCanUseMaterial(KeyState state) => KeyTransitions.Ensure(KeyAction.UseMaterial, state);

    /// <summary>Alibaba's name of a rotation setting (also the stored form).</summary>
    public static string Name(AutomaticRotation rotation) => rotation switch
    {
        AutomaticRotation.Disabled => "Disabled",
        AutomaticRotation.Enabled => "Enabled",
        AutomaticRotation.Suspended => "Suspended",
        _ => throw new ArgumentOutOfRangeException(nameof(rotation)),
    };

    /// <summary>Parses a stored rotation setting.</summary>
    public static AutomaticRotation ParseRotation(string name) => name switch
    {
        "Disabled" => AutomaticRotation.Disabled,
        "Enabled" => AutomaticRotation.Enabled,
        "Suspended" => AutomaticRotation.Suspended,
        _ => throw new FormatException("Unknown rotation setting in storage."),
    };
}
