using Coffer.Core.Errors;
using Coffer.Crypto;

namespace Coffer.Core.Operations;

/// <summary>GetRandomPassword parameters; null means the default.</summary>
public sealed record GetRandomPasswordRequest(
    int? PasswordLength = null,
    string? ExcludeCharacters = null,
    bool ExcludeLowercase = false,
    bool ExcludeUppercase = false,
    bool ExcludeNumbers = false,
    bool ExcludePunctuation = false,
    bool RequireEachIncludedType = false);

/// <summary>GetRandomPassword: uniform characters from the allowed alphabet (CryptoRandom.Text), 8–128 long, default 32.</summary>
public sealed class GetRandomPassword
{
    /// <summary>ASCII printable punctuation.</summary>
    public const string Punctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    private const int MaxAttempts = 1_000;

    /// <summary>Runs the action; returns the password.</summary>
    /// <exception cref="KmsException">InvalidParameter PasswordLength, or ExcludeCharacters when nothing is left to draw from.</exception>
    public static string Handle(GetRandomPasswordRequest request)
    {
        var length = request.PasswordLength ?? 32;
        if (length is < 8 or > 128)
        {
            throw KmsException.Invalid("PasswordLength");
        }

        var exclude = request.ExcludeCharacters ?? "";
        var classes = new List<string>();
        Add(classes, request.ExcludeLowercase, "abcdefghijklmnopqrstuvwxyz", exclude);
        Add(classes, request.ExcludeUppercase, "ABCDEFGHIJKLMNOPQRSTUVWXYZ", exclude);
        Add(classes, request.ExcludeNumbers, "0123456789", exclude);
        Add(classes, request.ExcludePunctuation, Punctuation, exclude);
        if (classes.Count == 0 || (request.RequireEachIncludedType && classes.Count > length))
        {
            throw KmsException.Invalid("ExcludeCharacters");
        }

        var alphabet = string.Concat(classes);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            // Rejection sampling keeps every accepted password uniform among those that hold each class.
            var password = CryptoRandom.Text(length, alphabet);
            if (!request.RequireEachIncludedType || classes.All(c => password.AsSpan().IndexOfAny(c) >= 0))
            {
                return password;
            }
        }

        throw new KmsException(KmsErrorCode.InternalFailure, "no password with every class after many attempts");
    }

    private static void Add(List<string> classes, bool excluded, string characters, string exclude)
    {
        var left = new string(characters.Where(c => !exclude.Contains(c, StringComparison.Ordinal)).ToArray());
        if (!excluded && left.Length > 0)
        {
            classes.Add(left);
        }
    }
}
