using Coffer.Server.Authentication;

namespace Coffer.Server.Authorization;

/// <summary>Allows every call of an authenticated caller inside its own account (no policies exist yet).</summary>
public sealed class AllowAllAuthorizer : IRequestAuthorizer
{
    /// <inheritdoc />
    public ValueTask AuthorizeAsync(AuthenticatedCaller caller, string action, string resource, CancellationToken cancellationToken) =>
        ValueTask.CompletedTask;
}
