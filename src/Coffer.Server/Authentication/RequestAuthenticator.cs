using System.Runtime.CompilerServices;
using Coffer.Core.Access;
using Coffer.Core.Errors;
using Coffer.Core.Replay;
using Coffer.Core.Storage;
using Coffer.Crypto.Secrets;
using Coffer.Crypto.Wrapping;
using Coffer.Protocol.Requests;
using Coffer.Protocol.Signing;
using Coffer.Server.Binding;
using Microsoft.AspNetCore.Http;

namespace Coffer.Server.Authentication;

/// <summary>
/// Steps 4–10 of the order of checks: signature scheme, method and version, timestamp window, nonce shape,
/// AccessKey, signature (constant-time), and nonce reuse. The nonce is recorded durably once the signature verifies,
/// in one commit with the nonces of concurrent requests (<see cref="NonceBatcher"/>).
/// </summary>
public sealed class RequestAuthenticator(IAccessKeyStore accessKeys, NonceBatcher nonces, RootKey root, TimeProvider time)
{
    /// <summary>How far a request timestamp may be from server time.</summary>
    public static readonly TimeSpan TimestampWindow = TimeSpan.FromMinutes(15);

    /// <summary>How long a nonce is remembered after its timestamp.</summary>
    public static readonly TimeSpan NonceRetention = TimeSpan.FromMinutes(31);

    private const int MaxNonceLength = 128;
    private readonly ConditionalWeakTable<AccessKey, SecretBytes> _secrets = [];

    /// <summary>Authenticates <paramref name="request"/>.</summary>
    /// <exception cref="KmsException">IncompleteSignature, IllegalTimestamp, Missing/InvalidParameter (nonce),
    /// InvalidAccessKeyId.NotFound, Forbidden.AccessKey, SignatureNonceUsed, ServiceUnavailableTemporary.</exception>
    public async Task<AuthenticatedCaller> AuthenticateAsync(HttpContext context, RpcRequest request, CancellationToken cancellationToken)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        var isV3 = authorization.StartsWith(SignatureV3.Algorithm + " ", StringComparison.Ordinal);
        if (!isV3 && request.Get("Signature") is null)
        {
            throw new KmsException(KmsErrorCode.IncompleteSignature);
        }

        return isV3
            ? await AuthenticateV3Async(context, request, authorization, cancellationToken)
            : await AuthenticateV2Async(request, cancellationToken);
    }

    private async Task<AuthenticatedCaller> AuthenticateV2Async(RpcRequest request, CancellationToken cancellationToken)
    {
        if (request.Get("SignatureMethod") != SignatureV2.Method
            || request.Get("SignatureVersion") != SignatureV2.Version
            || request.Get("SignatureType") is not null)
        {
            throw new KmsException(KmsErrorCode.IncompleteSignature);
        }

        var timestamp = CheckTimestamp(request.Get("Timestamp"));
        var nonce = CheckNonce(request.Get("SignatureNonce"), "SignatureNonce");
        var accessKey = await FindAccessKeyAsync(request.Get("AccessKeyId"), cancellationToken);
        var stringToSign = SignatureV2.StringToSign(request.Method, request.All);
        if (!SignatureComparer.FixedTimeEquals(request.Get("Signature")!, SignatureV2.Compute(Secret(accessKey).Span, stringToSign)))
        {
            throw new KmsException(KmsErrorCode.IncompleteSignature, stringToSign);
        }

        if (request.Get("SecurityToken") is not null)
        {
            throw KmsException.Invalid("SecurityToken");
        }

        await RecordNonceAsync(accessKey.Id, nonce, timestamp, cancellationToken);
        return new AuthenticatedCaller(accessKey.Id, accessKey.Principal);
    }

    private async Task<AuthenticatedCaller> AuthenticateV3Async(
        HttpContext context, RpcRequest request, string authorization, CancellationToken cancellationToken)
    {
        var headers = context.Request.Headers;
        if (!SignatureV3.TryParseAuthorization(authorization, out var accessKeyId, out var signedHeaders, out var signature))
        {
            throw new KmsException(KmsErrorCode.IncompleteSignature);
        }

        var timestamp = CheckTimestamp(Header(headers, "x-acs-date"));
        var nonce = CheckNonce(Header(headers, "x-acs-signature-nonce"), "x-acs-signature-nonce");
        var accessKey = await FindAccessKeyAsync(accessKeyId, cancellationToken);
        if (!signedHeaders.Contains("x-acs-date") || !signedHeaders.Contains("x-acs-signature-nonce"))
        {
            // Security: an unsigned date or nonce could be changed to replay a captured request.
            throw new KmsException(KmsErrorCode.IncompleteSignature);
        }

        var payloadHash = SignatureV3.PayloadHash(request.Body);
        var canonical = SignatureV3.CanonicalRequest(
            request.Method, "/", request.Query, signedHeaders, name => Header(headers, name), payloadHash);
        var computed = SignatureV3.Compute(Secret(accessKey).Span, SignatureV3.StringToSign(canonical));
        if (!SignatureComparer.FixedTimeEquals(signature, computed) || Header(headers, "x-acs-content-sha256") is { } claimed && claimed != payloadHash)
        {
            throw new KmsException(KmsErrorCode.IncompleteSignature, canonical);
        }

        if (Header(headers, "x-acs-security-token") is not null || request.Get("SecurityToken") is not null)
        {
            throw KmsException.Invalid("SecurityToken");
        }

        await RecordNonceAsync(accessKey.Id, nonce, timestamp, cancellationToken);
        return new AuthenticatedCaller(accessKey.Id, accessKey.Principal);
    }

    private DateTimeOffset CheckTimestamp(string? text)
    {
        if (text is null || !WireTimestamp.TryParse(text, out var timestamp)
            || (timestamp - time.GetUtcNow()).Duration() > TimestampWindow)
        {
            throw new KmsException(KmsErrorCode.IllegalTimestamp);
        }

        return timestamp;
    }

    private static string CheckNonce(string? nonce, string name)
    {
        if (string.IsNullOrEmpty(nonce))
        {
            throw KmsException.Missing(name);
        }

        if (nonce.Length > MaxNonceLength || nonce.AsSpan().IndexOfAnyExceptInRange('!', '~') >= 0)
        {
            throw KmsException.Invalid(name);
        }

        return nonce;
    }

    private async Task<AccessKey> FindAccessKeyAsync(string? accessKeyId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(accessKeyId))
        {
            throw new KmsException(KmsErrorCode.IncompleteSignature);
        }

        var accessKey = await accessKeys.FindAsync(accessKeyId, cancellationToken)
            ?? throw new KmsException(KmsErrorCode.InvalidAccessKeyIdNotFound);
        return accessKey.Enabled ? accessKey : throw new KmsException(KmsErrorCode.AccessKeyDisabled);
    }

    // The unwrapped secret lives exactly as long as the AccessKey record it was unwrapped from: the record cache hands
    // out one record for at most its bound and drops it at once when the key is changed through this node, so a reused
    // record skips the AES-GCM unwrap and a changed key is unwrapped afresh.
    private SecretBytes Secret(AccessKey accessKey) =>
        _secrets.GetValue(accessKey, key => new SecretBytes(AccessKeyFactory.UnwrapSecret(root, key)
            ?? throw new KmsException(KmsErrorCode.ServiceUnavailableTemporary, "AccessKey secret does not unwrap")));

    private async Task RecordNonceAsync(string accessKeyId, string nonce, DateTimeOffset timestamp, CancellationToken cancellationToken)
    {
        var expiry = (timestamp > time.GetUtcNow() ? timestamp : time.GetUtcNow()) + NonceRetention;
        if (!await nonces.TryRecordAsync(accessKeyId, nonce, expiry, cancellationToken))
        {
            throw new KmsException(KmsErrorCode.SignatureNonceUsed);
        }
    }

    private static string? Header(IHeaderDictionary headers, string name) =>
        headers.TryGetValue(name, out var values) ? string.Join(',', values.Order(StringComparer.Ordinal)) : null;
}
