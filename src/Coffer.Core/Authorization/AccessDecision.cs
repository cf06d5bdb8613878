namespace Coffer.Core.Authorization;

/// <summary>The outcome of <see cref="PolicyEvaluator.Evaluate"/>.</summary>
public enum AccessDecision
{
    /// <summary>No statement allows the request (default deny).</summary>
    ImplicitDeny,

    /// <summary>Allowed, and nothing denies it.</summary>
    Allowed,

    /// <summary>A matching Deny statement refuses it, whatever allows it.</summary>
    ExplicitDeny,
}
