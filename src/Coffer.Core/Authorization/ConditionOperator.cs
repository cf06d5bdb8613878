namespace Coffer.Core.Authorization;

/// <summary>The condition operators Coffer evaluates; anything else is <see cref="Unknown"/> and never allows.</summary>
internal enum ConditionOperator
{
    Unknown,
    StringEquals,
    StringNotEquals,
    StringEqualsIgnoreCase,
    StringNotEqualsIgnoreCase,
    StringLike,
    StringNotLike,
    IpAddress,
    NotIpAddress,
    DateEquals,
    DateNotEquals,
    DateGreaterThan,
    DateGreaterThanEquals,
    DateLessThan,
    DateLessThanEquals,
    Bool,
}
