namespace Coffer.Core.Authorization;

/// <summary>One parsed statement. Patterns are kept as written and matched with <see cref="Glob"/>.</summary>
internal sealed class PolicyStatement(
    PolicyEffect effect, string[] actions, bool notAction, string[] resources, bool notResource, string[]? principals,
    PolicyCondition[] conditions)
{
    public PolicyEffect Effect { get; } = effect;

    /// <summary>Action patterns (<c>kms:Encrypt</c>, <c>kms:Get*</c>, <c>*</c>), matched without regard to case.</summary>
    public string[] Actions { get; } = actions;

    /// <summary>True when the patterns came from <c>NotAction</c>.</summary>
    public bool NotAction { get; } = notAction;

    /// <summary>Resource patterns (ARNs with <c>*</c>/<c>?</c>, or <c>*</c>), matched case-sensitively.</summary>
    public string[] Resources { get; } = resources;

    /// <summary>True when the patterns came from <c>NotResource</c>.</summary>
    public bool NotResource { get; } = notResource;

    /// <summary>Principal ARN patterns of a resource policy (<c>*</c> for anyone); null in identity policies.</summary>
    public string[]? Principals { get; } = principals;

    public PolicyCondition[] Conditions { get; } = conditions;

    /// <summary>Whether the statement's Action, Resource and Principal cover the request (conditions aside).</summary>
    public bool Covers(AccessRequest request)
    {
        if (AnyMatch(Actions, request.Action, ignoreCase: true) == NotAction)
        {
            return false;
        }

        if (AnyMatch(Resources, request.Resource, ignoreCase: false) == NotResource)
        {
            return false;
        }

        return Principals is null || AnyMatch(Principals, request.Principal.Arn, ignoreCase: true);
    }

    /// <summary>All conditions together: False if any is False, else Unknown if any is Unknown, else True.</summary>
    public ConditionOutcome EvaluateConditions(AccessRequest request)
    {
        var outcome = ConditionOutcome.True;
        foreach (var condition in Conditions)
        {
            switch (condition.Evaluate(request))
            {
                case ConditionOutcome.False:
                    return ConditionOutcome.False;
                case ConditionOutcome.Unknown:
                    outcome = ConditionOutcome.Unknown;
                    break;
            }
        }

        return outcome;
    }

    private static bool AnyMatch(string[] patterns, string value, bool ignoreCase)
    {
        foreach (var pattern in patterns)
        {
            if (Glob.Matches(pattern, value, ignoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
