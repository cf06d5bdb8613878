using Coffer.Core.Errors;

namespace Coffer.Core.Aliases;

/// <summary>
/// An alias name: <c>alias/</c> then 1–249 characters of <c>[A-Za-z0-9_/-]</c>, case-sensitive, not starting
/// <c>alias/acs</c> (reserved for service keys).
/// </summary>
public readonly record struct AliasName
{
    /// <summary>Every alias starts with this.</summary>
    public const string Prefix = "alias/";

    /// <summary>Longest name after the prefix.</summary>
    public const int MaxLength = 249;

    private AliasName(string value) => Value = value;

    /// <summary>The full name, prefix included.</summary>
    public string Value { get; }

    /// <summary>Validates a name.</summary>
    /// <exception cref="KmsException">InvalidParameter naming <paramref name="parameter"/>.</exception>
    public static AliasName Parse(string text, string parameter = "AliasName") =>
        TryParse(text, out var name) ? name : throw KmsException.Invalid(parameter);

    /// <summary>Validates a name; false for anything the rules refuse.</summary>
    public static bool TryParse(string text, out AliasName name)
    {
        name = default;
        if (!text.StartsWith(Prefix, StringComparison.Ordinal) || text.StartsWith(Prefix + "acs", StringComparison.Ordinal))
        {
            return false;
        }

        var rest = text.AsSpan(Prefix.Length);
        if (rest.IsEmpty || rest.Length > MaxLength)
        {
            return false;
        }

        foreach (var c in rest)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '/' or '-'))
            {
                return false;
            }
        }

        name = new AliasName(text);
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => Value;
}
