namespace Coffer.Core.Authorization;

/// <summary>Where a policy document is attached, which decides whether statements carry a <c>Principal</c>.</summary>
public enum PolicyKind
{
    /// <summary>A RAM policy attached to a user: no <c>Principal</c>.</summary>
    Identity,

    /// <summary>A key or secret policy: every statement names a <c>Principal</c>.</summary>
    Resource,
}
