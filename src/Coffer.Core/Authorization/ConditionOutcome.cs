namespace Coffer.Core.Authorization;

/// <summary>
/// A condition's value for one request. <see cref="Unknown"/> (an operator or key Coffer does not evaluate) fails
/// closed: it never satisfies an Allow, and it never excuses a request from a Deny.
/// </summary>
internal enum ConditionOutcome
{
    False,
    True,
    Unknown,
}
