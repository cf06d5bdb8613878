namespace Coffer.Core.Keys;

/// <summary>State changes that carry the rotation setting along.</summary>
public static class KeyLifecycle
{
    /// <summary>
    /// <paramref name="key"/> moved to <paramref name="state"/>. Configured rotation runs only while the key is Enabled:
    /// leaving Enabled suspends it, returning resumes it; Disabled rotation stays Disabled.
    /// </summary>
    public static Key WithState(Key key, KeyState state) => key with
    {
        State = state,
        AutomaticRotation = key.AutomaticRotation == AutomaticRotation.Disabled
            ? AutomaticRotation.Disabled
            : state == KeyState.Enabled ? AutomaticRotation.Enabled : AutomaticRotation.Suspended,
    };
}
