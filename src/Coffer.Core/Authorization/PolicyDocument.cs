using System.Diagnostics.CodeAnalysis;
using Coffer.Core.Errors;

namespace Coffer.Core.Authorization;

/// <summary>
/// A validated RAM policy document: <c>Version</c> "1" and a <c>Statement</c> list of Effect / Action or NotAction /
/// Resource or NotResource / Principal (resource policies only) / Condition. Parse once, evaluate many times with
/// <see cref="PolicyEvaluator"/>; instances are immutable and safe to share between threads.
/// </summary>
public sealed class PolicyDocument
{
    internal PolicyDocument(PolicyKind kind, PolicyStatement[] statements)
    {
        Kind = kind;
        Statements = statements;
    }

    /// <summary>Identity (RAM user policy) or resource (key or secret policy).</summary>
    public PolicyKind Kind { get; }

    /// <summary>How many statements the document holds.</summary>
    public int StatementCount => Statements.Length;

    internal PolicyStatement[] Statements { get; }

    /// <summary>
    /// Parses and validates <paramref name="json"/>. Unknown members, a Version other than "1", an Effect other than
    /// Allow/Deny, actions not starting <c>kms:</c> (or <c>*</c>), a missing or misplaced Principal, and malformed
    /// condition values (IP, date, bool) are refused. Unknown condition operators and keys are accepted but never allow.
    /// </summary>
    /// <param name="json">The document text.</param>
    /// <param name="kind">Where it is attached.</param>
    /// <param name="document">The parsed document on success.</param>
    /// <param name="error">Why it was refused (names the member; never echoes more than a value of the document).</param>
    public static bool TryParse(
        string json, PolicyKind kind, [NotNullWhen(true)] out PolicyDocument? document, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(json);
        document = PolicyParser.Parse(json, kind, out error);
        return document is not null;
    }

    /// <summary>Parses and validates <paramref name="json"/>, as <see cref="TryParse"/>.</summary>
    /// <exception cref="KmsException">InvalidParameter naming <paramref name="parameter"/>.</exception>
    public static PolicyDocument Parse(string json, PolicyKind kind, string parameter = "Policy") =>
        TryParse(json, kind, out var document, out _) ? document : throw KmsException.Invalid(parameter);
}
