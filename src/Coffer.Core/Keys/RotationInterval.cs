using System.Globalization;
using Coffer.Core.Errors;

namespace Coffer.Core.Keys;

/// <summary>
/// A rotation interval: <c>&lt;digits&gt;&lt;d|h|m|s&gt;</c> (m = minutes) between 7 and 730 days, written back as
/// whole seconds with <c>s</c>.
/// </summary>
public static class RotationInterval
{
    /// <summary>Shortest interval.</summary>
    public static readonly TimeSpan Minimum = TimeSpan.FromDays(7);

    /// <summary>Longest interval.</summary>
    public static readonly TimeSpan Maximum = TimeSpan.FromDays(730);

    /// <summary>Parses and range-checks an interval.</summary>
    /// <exception cref="KmsException">InvalidParameter naming RotationInterval.</exception>
    public static TimeSpan Parse(string text)
    {
        const string Parameter = "RotationInterval";
        if (text.Length < 2 || !text[..^1].All(char.IsAsciiDigit)
            || !long.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            throw KmsException.Invalid(Parameter);
        }

        var unitSeconds = text[^1] switch
        {
            'd' => 86_400L,
            'h' => 3_600L,
            'm' => 60L,
            's' => 1L,
            _ => throw KmsException.Invalid(Parameter),
        };
        if (amount > Maximum.TotalSeconds)
        {
            throw KmsException.Invalid(Parameter);
        }

        var interval = TimeSpan.FromSeconds(amount * unitSeconds);
        return interval >= Minimum && interval <= Maximum ? interval : throw KmsException.Invalid(Parameter);
    }

    /// <summary>The wire form: whole seconds and <c>s</c>.</summary>
    public static string Format(TimeSpan interval) => ((long)interval.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s";
}
