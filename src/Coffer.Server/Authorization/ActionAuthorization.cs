using Coffer.Core.Authorization;

namespace Coffer.Server.Authorization;

/// <summary>The outcome of step 11 when it does not refuse.</summary>
/// <param name="Access">The request's authorization state, handed to Core for step 14; null for actions that need no permission.</param>
/// <param name="Deferred">
/// True when no identity policy allowed a resource as named but its own key or secret policy still may (Alibaba's
/// same-account rule); step 14 decides, and a 404 on the way answers Forbidden.NoPermission instead, so it leaks nothing.
/// </param>
public readonly record struct ActionAuthorization(RequestAccess? Access, bool Deferred);
