namespace Coffer.Core.Keys;

/// <summary>A key's automatic rotation setting.</summary>
public enum AutomaticRotation
{
    /// <summary>No automatic rotation.</summary>
    Disabled,

    /// <summary>The scheduler rotates the key every interval.</summary>
    Enabled,

    /// <summary>Rotation is configured but does not run because the key is not Enabled.</summary>
    Suspended,
}
