namespace Coffer.Core.Authorization;

/// <summary>A statement's <c>Effect</c>.</summary>
public enum PolicyEffect
{
    /// <summary><c>Allow</c>.</summary>
    Allow,

    /// <summary><c>Deny</c>: wins over every Allow.</summary>
    Deny,
}
