using Coffer.Server.Authentication;
using Coffer.Server.Binding;
using Microsoft.AspNetCore.Http;

namespace Coffer.Server.Authorization;

/// <summary>
/// The action-level authorization step (step 11 of the order of checks): the action against each resource as named.
/// The answer carries the request's <see cref="Core.Authorization.RequestAccess"/>, which Core then uses for the
/// resource-level decision on every key and secret it resolves (step 14).
/// </summary>
public interface IRequestAuthorizer
{
    /// <summary>Decides step 11 for one request.</summary>
    /// <exception cref="Core.Errors.KmsException">Forbidden.NoPermission, its detail naming the action and resource.</exception>
    ValueTask<ActionAuthorization> AuthorizeAsync(
        AuthenticatedCaller caller, string action, RpcRequest request, HttpContext context, CancellationToken cancellationToken);
}
