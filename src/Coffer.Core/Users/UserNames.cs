namespace Coffer.Core.Users;

/// <summary>The shape of user and policy names (RAM's: 1–64 characters of letters, digits, '.', '_' and '-').</summary>
public static class UserNames
{
    /// <summary>Longest user or policy name.</summary>
    public const int MaxLength = 64;

    /// <summary>Whether <paramref name="name"/> may name a user or an attached policy.</summary>
    public static bool IsValid(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= MaxLength && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');
}
