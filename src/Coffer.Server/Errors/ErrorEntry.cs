namespace Coffer.Server.Errors;

/// <summary>One catalogue row: the wire Code, the HTTP status, and the Message (with <c>{0}</c> for a parameter name).</summary>
public sealed record ErrorEntry(string Code, int HttpStatus, string Message);
