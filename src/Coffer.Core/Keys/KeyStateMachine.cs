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
    public static void EnsureCanUseMaterial(KeyState state)
    {
        switch (state)
        {
            case KeyState.Enabled:
                return;
            case KeyState.Disabled:
                throw new KmsException(KmsErrorCode.KeyDisabled);
            case KeyState.PendingDeletion:
                throw new KmsException(KmsErrorCode.KeyPendingDeletion);
            default:
                throw new KmsException(KmsErrorCode.KeyPendingImport);
        }
    }
}
