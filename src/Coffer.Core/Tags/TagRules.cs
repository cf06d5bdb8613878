using Coffer.Core.Errors;

namespace Coffer.Core.Tags;

/// <summary>
/// Tag rules (ALIYUN_KMS_API.md §3.10): key and value up to 128 characters of letters, digits and
/// <c>/ \ _ - . + = : @</c> (and spaces in values); keys not starting <c>aliyun</c> or <c>acs:</c>; no key twice.
/// </summary>
public static class TagRules
{
    /// <summary>Longest key or value.</summary>
    public const int MaxLength = 128;

    /// <summary>Resource type of keys in the tag calls.</summary>
    public const string KeyResource = "key";

    /// <summary>Checks a key.</summary>
    /// <exception cref="KmsException">InvalidParameter naming <paramref name="parameter"/>.</exception>
    public static void CheckKey(string key, string parameter)
    {
        if (key.Length is 0 or > MaxLength || !key.All(IsAllowed)
            || key.StartsWith("aliyun", StringComparison.OrdinalIgnoreCase) || key.StartsWith("acs:", StringComparison.OrdinalIgnoreCase))
        {
            throw KmsException.Invalid(parameter);
        }
    }

    /// <summary>Checks a set of tags: each key and value, and no key twice.</summary>
    /// <exception cref="KmsException">InvalidParameter naming <paramref name="parameter"/>.</exception>
    public static void Check(IReadOnlyList<Tag> tags, string parameter)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            CheckKey(tag.Key, parameter);
            if (tag.Value.Length > MaxLength || !tag.Value.All(c => IsAllowed(c) || c == ' ') || !seen.Add(tag.Key))
            {
                throw KmsException.Invalid(parameter);
            }
        }
    }

    private static bool IsAllowed(char c) => char.IsLetterOrDigit(c) || c is '/' or '\\' or '_' or '-' or '.' or '+' or '=' or ':' or '@';
}
