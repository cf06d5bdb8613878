namespace Coffer.Server.Authorization;

/// <summary>A resource a request names, as step 11 sees it before anything is resolved.</summary>
/// <param name="Arn">The ARN as named (<c>key/…</c>, <c>alias/…</c>, <c>secret/…</c>) or <c>*</c>.</param>
/// <param name="ResolvedLater">Whether the action resolves it to a key or secret whose policy step 14 evaluates.</param>
internal readonly record struct NamedResource(string Arn, bool ResolvedLater);
