using Coffer.Core.Accounts;
using Coffer.Core.Errors;
using Coffer.Core.Requests;
using Coffer.Core.Storage;
using Coffer.Protocol.Actions;
using Coffer.Server.Authentication;
using Coffer.Server.Authorization;
using Coffer.Server.Binding;
using Coffer.Server.Errors;
using Coffer.Server.Hosting;
using Coffer.Server.Rendering;
using Coffer.Server.Throttling;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Coffer.Server.Dispatch;

/// <summary>
/// The single RPC endpoint: runs the order of checks of DECISIONS.md (method, parsing, action and version,
/// authentication, account state and authorization), dispatches to the action, and renders the answer.
/// </summary>
public sealed class RpcEndpoint(
    ActionTable actions,
    RequestAuthenticator authenticator,
    IRequestAuthorizer authorizer,
    IAccountStore accounts,
    RequestThrottle throttle,
    CofferServerOptions options,
    ILogger<RpcEndpoint> logger)
{
    /// <summary>Handles one HTTP request.</summary>
    public async Task HandleAsync(HttpContext context)
    {
        var requestId = Guid.NewGuid().ToString("D").ToUpperInvariant();
        var cancellationToken = context.RequestAborted;
        RpcRequest? request = null;
        var action = "";
        var accessKeyId = "";
        try
        {
            if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsPost(context.Request.Method))
            {
                throw new KmsException(KmsErrorCode.UnsupportedHttpMethod);
            }

            if (context.Request.Path != "/")
            {
                throw new KmsException(KmsErrorCode.InvalidActionNotFound);
            }

            request = await RpcRequestReader.ReadAsync(context, cancellationToken);
            action = NonEmpty(request.Get("Action")) ?? Header(context, "x-acs-action") ?? throw KmsException.Missing("Action");
            var endpoint = actions.Find(action) ?? throw new KmsException(KmsErrorCode.InvalidActionNotFound);
            var version = NonEmpty(request.Get("Version")) ?? Header(context, "x-acs-version") ?? throw KmsException.Missing("Version");
            if (version != ActionNames.ApiVersion)
            {
                throw KmsException.Invalid("Version");
            }

            var caller = await authenticator.AuthenticateAsync(context, request, cancellationToken);
            throttle.Check(caller, action);
            await CheckAccountAsync(caller.Account, action, cancellationToken);
            accessKeyId = caller.AccessKeyId;
            var authorization = await authorizer.AuthorizeAsync(caller, action, request, context, cancellationToken);
            if (request.WantsXml && request.All.FirstOrDefault(p => !ResponseWriter.CanCarryInXml(p.Value)) is { Key: { } unrepresentable })
            {
                // Refused before the action runs: an XML answer echoing this value could not be written, and a write must
                // never be acknowledged as a failure.
                throw KmsException.Invalid(unrepresentable);
            }

            var call = new CallContext(caller.Account, caller.AccessKeyId, requestId) { Access = authorization.Access };
            var body = await InvokeAsync(endpoint, action, call, request, authorization.Deferred, cancellationToken);
            body.InsertFirst("RequestId", requestId);
            await WriteAsync(context, 200, requestId, request, action + "Response", body);
        }
        catch (KmsException e)
        {
            if (e.Code == KmsErrorCode.NoPermission)
            {
                // Security: the refused action and resource (ARNs and names only, never parameters' values).
                Log.Refused(logger, requestId, action, accessKeyId, e.Detail ?? "");
            }

            await WriteErrorAsync(context, requestId, request, e.Code, e.Detail);
        }
        catch (StoreUnavailableException e)
        {
            Log.StoreUnavailable(logger, requestId, action, e);
            await WriteErrorAsync(context, requestId, request, KmsErrorCode.ServiceUnavailableTemporary, null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer.
        }
#pragma warning disable CA1031 // The last line of defence: every bug becomes a generic InternalFailure with a RequestId.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Log.InternalError(logger, requestId, action, e);
            await WriteErrorAsync(context, requestId, request, KmsErrorCode.InternalFailure, null);
        }
    }

    /// <summary>
    /// Runs the action. When step 11 deferred its decision to the resource's own policy, a 404 met on the way answers
    /// Forbidden.NoPermission: a caller with no permission on the resource as named never learns what exists.
    /// </summary>
    private static async Task<ResponseObject> InvokeAsync(
        IActionEndpoint endpoint, string action, CallContext call, RpcRequest request, bool deferred, CancellationToken cancellationToken)
    {
        try
        {
            return await endpoint.InvokeAsync(call, new ParameterReader(request), cancellationToken);
        }
        catch (KmsException e) when (deferred && ErrorCatalogue.Entry(e.Code).HttpStatus == 404)
        {
            throw new KmsException(KmsErrorCode.NoPermission, $"kms:{action} on a resource as named that did not resolve ({e.Code})");
        }
    }

    private async Task CheckAccountAsync(AccountId accountId, string action, CancellationToken cancellationToken)
    {
        var account = await accounts.FindAsync(accountId, cancellationToken)
            ?? throw new KmsException(KmsErrorCode.InternalFailure, "AccessKey without account");
        if (!ActionNames.ReportsAccountState.Contains(action))
        {
            AccountStatuses.EnsureMayCall(account.Status, ActionNames.ExemptFromServiceNotEnabled.Contains(action));
        }
    }

    private Task WriteErrorAsync(HttpContext context, string requestId, RpcRequest? request, KmsErrorCode code, string? detail) =>
        WriteAsync(context, ErrorCatalogue.Entry(code).HttpStatus, requestId, request, "KMS", ErrorBody(requestId, code, detail));

    private ResponseObject ErrorBody(string requestId, KmsErrorCode code, string? detail)
    {
        var entry = ErrorCatalogue.Entry(code);
        return new ResponseObject
        {
            { "RequestId", requestId },
            { "HostId", options.HostId },
            { "Code", entry.Code },
            { "Message", ErrorCatalogue.Message(code, code == KmsErrorCode.InternalFailure ? null : detail) },
            { "HttpStatus", entry.HttpStatus },
        };
    }

    private async Task WriteAsync(HttpContext context, int status, string requestId, RpcRequest? request, string xmlRoot, ResponseObject body)
    {
        if (context.Response.HasStarted)
        {
            return;
        }

        var xml = request?.WantsXml == true;
        byte[] bytes;
        if (!xml)
        {
            bytes = ResponseWriter.Json(body);
        }
        else if (ResponseWriter.TryXml(xmlRoot, body) is { } xmlBytes)
        {
            bytes = xmlBytes;
        }
        else
        {
            // The answer holds a character XML 1.0 cannot carry (a control character in a plaintext or description):
            // refuse the format rather than change the data.
            status = ErrorCatalogue.Entry(KmsErrorCode.InvalidParameter).HttpStatus;
            bytes = ResponseWriter.TryXml("KMS", ErrorBody(requestId, KmsErrorCode.InvalidParameter, "Format"))!;
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = xml ? ResponseWriter.XmlContentType : ResponseWriter.JsonContentType;
        context.Response.Headers["x-acs-request-id"] = requestId;
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }

    private static string? Header(HttpContext context, string name) =>
        context.Request.Headers.TryGetValue(name, out var value) ? NonEmpty(value.ToString()) : null;

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
