using Coffer.Server.Authentication;

namespace Coffer.Server.Authorization;

/// <summary>
/// The action-level authorization step (step 11 of the order of checks). Policies arrive with the access-control
/// issue; until then <see cref="AllowAllAuthorizer"/> is registered and every authenticated caller may act in its account.
/// </summary>
public interface IRequestAuthorizer
{
    /// <summary>Throws Forbidden.NoPermission when <paramref name="caller"/> may not run <paramref name="action"/> on <paramref name="resource"/>.</summary>
    ValueTask AuthorizeAsync(AuthenticatedCaller caller, string action, string resource, CancellationToken cancellationToken);
}
