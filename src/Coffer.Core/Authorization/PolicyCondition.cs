using System.Globalization;
using System.Net;

namespace Coffer.Core.Authorization;

/// <summary>One operator/key pair of a statement's <c>Condition</c> block, with its values parsed once.</summary>
internal sealed class PolicyCondition
{
    /// <summary>The prefix of the per-pair EncryptionContext key, <c>kms:EncryptionContext:&lt;k&gt;</c> (Alibaba and AWS spell it alike).</summary>
    public const string EncryptionContextPrefix = "kms:EncryptionContext:";

    private readonly IpRange[] _ranges;
    private readonly DateTimeOffset[] _dates;

    private PolicyCondition(
        ConditionOperator op, ConditionKey key, string contextKey, string[] values, IpRange[] ranges, DateTimeOffset[] dates)
    {
        Operator = op;
        Key = key;
        ContextKey = contextKey;
        Values = values;
        _ranges = ranges;
        _dates = dates;
    }

    public ConditionOperator Operator { get; }

    public ConditionKey Key { get; }

    /// <summary>The EncryptionContext key after the prefix (case-sensitive, as context keys are).</summary>
    public string ContextKey { get; }

    public string[] Values { get; }

    /// <summary>Builds a condition; null with <paramref name="error"/> when a value does not fit a known operator.</summary>
    public static PolicyCondition? Create(string operatorName, string keyName, string[] values, out string? error)
    {
        error = null;
        var op = ParseOperator(operatorName);
        var (key, contextKey) = ParseKey(keyName);
        var ranges = Array.Empty<IpRange>();
        var dates = Array.Empty<DateTimeOffset>();
        switch (op)
        {
            case ConditionOperator.IpAddress or ConditionOperator.NotIpAddress:
                ranges = new IpRange[values.Length];
                for (var i = 0; i < values.Length; i++)
                {
                    ranges[i] = IpRange.TryParse(values[i]) ?? Fail(ref error, $"{operatorName} value \"{values[i]}\" is not an IP address or CIDR block")!;
                }

                break;
            case ConditionOperator.DateEquals or ConditionOperator.DateNotEquals or ConditionOperator.DateGreaterThan
                or ConditionOperator.DateGreaterThanEquals or ConditionOperator.DateLessThan or ConditionOperator.DateLessThanEquals:
                dates = new DateTimeOffset[values.Length];
                for (var i = 0; i < values.Length; i++)
                {
                    if (!DateTimeOffset.TryParse(values[i], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out dates[i]))
                    {
                        Fail(ref error, $"{operatorName} value \"{values[i]}\" is not a date");
                    }
                }

                break;
            case ConditionOperator.Bool:
                foreach (var value in values)
                {
                    if (!string.Equals(value, "true", StringComparison.OrdinalIgnoreCase) && !string.Equals(value, "false", StringComparison.OrdinalIgnoreCase))
                    {
                        Fail(ref error, $"Bool value \"{value}\" is not true or false");
                    }
                }

                break;
        }

        return error is null ? new PolicyCondition(op, key, contextKey, values, ranges, dates) : null;
    }

    /// <summary>Evaluates the condition for one request; allocation-free except string forms of typed keys.</summary>
    public ConditionOutcome Evaluate(AccessRequest request)
    {
        if (Operator == ConditionOperator.Unknown || Key == ConditionKey.Unknown)
        {
            return ConditionOutcome.Unknown;
        }

        return Operator switch
        {
            ConditionOperator.IpAddress or ConditionOperator.NotIpAddress => EvaluateIp(request.SourceIp),
            ConditionOperator.DateEquals or ConditionOperator.DateNotEquals or ConditionOperator.DateGreaterThan
                or ConditionOperator.DateGreaterThanEquals or ConditionOperator.DateLessThan
                or ConditionOperator.DateLessThanEquals => EvaluateDate(request),
            _ => EvaluateString(StringValue(request)),
        };
    }

    private ConditionOutcome EvaluateIp(IPAddress? address)
    {
        if (Key != ConditionKey.SourceIp)
        {
            return ConditionOutcome.Unknown;
        }

        var negated = Operator == ConditionOperator.NotIpAddress;
        if (address is null)
        {
            return negated ? ConditionOutcome.True : ConditionOutcome.False;
        }

        var any = false;
        foreach (var range in _ranges)
        {
            if (range.Contains(address))
            {
                any = true;
                break;
            }
        }

        return any != negated ? ConditionOutcome.True : ConditionOutcome.False;
    }

    private ConditionOutcome EvaluateDate(AccessRequest request)
    {
        if (Key != ConditionKey.CurrentTime)
        {
            return ConditionOutcome.Unknown;
        }

        var now = request.CurrentTime;
        var negated = Operator == ConditionOperator.DateNotEquals;
        var any = false;
        foreach (var date in _dates)
        {
            var hit = Operator switch
            {
                ConditionOperator.DateEquals or ConditionOperator.DateNotEquals => now == date,
                ConditionOperator.DateGreaterThan => now > date,
                ConditionOperator.DateGreaterThanEquals => now >= date,
                ConditionOperator.DateLessThan => now < date,
                _ => now <= date,
            };
            if (hit)
            {
                any = true;
                break;
            }
        }

        return any != negated ? ConditionOutcome.True : ConditionOutcome.False;
    }

    private ConditionOutcome EvaluateString(string? actual)
    {
        var negated = Operator is ConditionOperator.StringNotEquals or ConditionOperator.StringNotEqualsIgnoreCase
            or ConditionOperator.StringNotLike;
        if (actual is null)
        {
            return negated ? ConditionOutcome.True : ConditionOutcome.False;
        }

        var any = false;
        foreach (var expected in Values)
        {
            var hit = Operator switch
            {
                ConditionOperator.StringEquals or ConditionOperator.StringNotEquals => string.Equals(actual, expected, StringComparison.Ordinal),
                ConditionOperator.StringEqualsIgnoreCase or ConditionOperator.StringNotEqualsIgnoreCase or ConditionOperator.Bool =>
                    string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase),
                _ => Glob.Matches(expected, actual, ignoreCase: false),
            };
            if (hit)
            {
                any = true;
                break;
            }
        }

        return any != negated ? ConditionOutcome.True : ConditionOutcome.False;
    }

    private string? StringValue(AccessRequest request) => Key switch
    {
        ConditionKey.EncryptionContext => request.EncryptionContext.TryGetValue(ContextKey, out var value) ? value : null,
        ConditionKey.SecureTransport => request.SecureTransport ? "true" : "false",
        ConditionKey.SourceIp => request.SourceIp?.ToString(),
        _ => request.CurrentTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
    };

    private static ConditionOperator ParseOperator(string name) => name switch
    {
        "StringEquals" => ConditionOperator.StringEquals,
        "StringNotEquals" => ConditionOperator.StringNotEquals,
        "StringEqualsIgnoreCase" => ConditionOperator.StringEqualsIgnoreCase,
        "StringNotEqualsIgnoreCase" => ConditionOperator.StringNotEqualsIgnoreCase,
        "StringLike" => ConditionOperator.StringLike,
        "StringNotLike" => ConditionOperator.StringNotLike,
        "IpAddress" => ConditionOperator.IpAddress,
        "NotIpAddress" => ConditionOperator.NotIpAddress,
        "DateEquals" => ConditionOperator.DateEquals,
        "DateNotEquals" => ConditionOperator.DateNotEquals,
        "DateGreaterThan" => ConditionOperator.DateGreaterThan,
        "DateGreaterThanEquals" => ConditionOperator.DateGreaterThanEquals,
        "DateLessThan" => ConditionOperator.DateLessThan,
        "DateLessThanEquals" => ConditionOperator.DateLessThanEquals,
        "Bool" => ConditionOperator.Bool,
        _ => ConditionOperator.Unknown,
    };

    private static (ConditionKey Key, string ContextKey) ParseKey(string name)
    {
        if (name.StartsWith(EncryptionContextPrefix, StringComparison.OrdinalIgnoreCase) && name.Length > EncryptionContextPrefix.Length)
        {
            return (ConditionKey.EncryptionContext, name[EncryptionContextPrefix.Length..]);
        }

        return name.ToUpperInvariant() switch
        {
            "ACS:SOURCEIP" => (ConditionKey.SourceIp, ""),
            "ACS:CURRENTTIME" => (ConditionKey.CurrentTime, ""),
            "ACS:SECURETRANSPORT" => (ConditionKey.SecureTransport, ""),
            _ => (ConditionKey.Unknown, ""),
        };
    }

    private static IpRange? Fail(ref string? error, string message)
    {
        error ??= message;
        return null;
    }
}
