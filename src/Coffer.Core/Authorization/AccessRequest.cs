using System.Net;

namespace Coffer.Core.Authorization;

/// <summary>
/// What the evaluator decides on: one action on one resource by one principal, and the request facts conditions read.
/// </summary>
/// <param name="Action">The RAM action, <c>kms:&lt;ApiName&gt;</c> (e.g. <c>kms:Encrypt</c>).</param>
/// <param name="Resource">The resource ARN (<c>acs:kms:{region}:{uid}:key/{id}</c>, <c>alias/…</c>, <c>secret/…</c>) or <c>*</c>.</param>
/// <param name="Principal">The caller.</param>
/// <param name="SourceIp">The client address (<c>acs:SourceIp</c>); null when unknown.</param>
/// <param name="CurrentTime">The request time (<c>acs:CurrentTime</c>).</param>
/// <param name="SecureTransport">Whether the request came over TLS (<c>acs:SecureTransport</c>).</param>
/// <param name="EncryptionContext">The request's EncryptionContext pairs (<c>kms:EncryptionContext:&lt;k&gt;</c>); empty when none.</param>
public sealed record AccessRequest(
    string Action,
    string Resource,
    AccessPrincipal Principal,
    IPAddress? SourceIp,
    DateTimeOffset CurrentTime,
    bool SecureTransport,
    IReadOnlyDictionary<string, string> EncryptionContext);
