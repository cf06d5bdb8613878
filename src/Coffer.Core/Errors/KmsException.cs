namespace Coffer.Core.Errors;

/// <summary>
/// The one exception type for every answerable failure. <see cref="Detail"/> fills the catalogue's message
/// template (a parameter name, or the string to sign); it never holds a secret.
/// </summary>
public sealed class KmsException : Exception
{
    /// <summary>Creates an error for <paramref name="code"/>.</summary>
    /// <param name="code">The catalogue entry.</param>
    /// <param name="detail">A parameter name or other non-secret detail the message template takes.</param>
    public KmsException(KmsErrorCode code, string? detail = null)
        : base(detail is null ? code.ToString() : $"{code}: {detail}")
    {
        Code = code;
        Detail = detail;
    }

    /// <summary>The catalogue entry.</summary>
    public KmsErrorCode Code { get; }

    /// <summary>The non-secret detail for the message template, if any.</summary>
    public string? Detail { get; }

    /// <summary>MissingParameter naming <paramref name="parameter"/>.</summary>
    public static KmsException Missing(string parameter) => new(KmsErrorCode.MissingParameter, parameter);

    /// <summary>InvalidParameter naming <paramref name="parameter"/>.</summary>
    public static KmsException Invalid(string parameter) => new(KmsErrorCode.InvalidParameter, parameter);
}
