using System.Text;
using Coffer.Core.Errors;
using Coffer.Core.Keys;
using Coffer.Core.Requests;

namespace Coffer.Core.Operations;

/// <summary>VerifyMac parameters as received: Algorithm name, base64 Message and Mac.</summary>
public sealed record VerifyMacRequest(string KeyId, string Algorithm, string Message, string Mac, bool DryRun)
{
    // Security: the message may be secret, and the MAC is secret-derived.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("KeyId = ").Append(KeyId).Append(", Algorithm = ").Append(Algorithm).Append(", Message = (redacted), Mac = (redacted)");
        return true;
    }
}

/// <summary>VerifyMac result.</summary>
public sealed record VerifyMacResult(KeyId KeyId, string Algorithm, bool Value);

/// <summary>
/// VerifyMac: whether the MAC is the full-length HMAC of the message under any version of the key (compared in fixed
/// time); a well-formed MAC that does not match is false.
/// </summary>
public sealed class VerifyMac(MacKeyAccess macs)
{
    /// <summary>Runs the action.</summary>
    /// <exception cref="KmsException">
    /// InvalidParameter Algorithm, Message or Mac (not base64); 404; 409; Rejected.UnsupportedOperation for a key that is
    /// not an HMAC key; DryRunOperationError.
    /// </exception>
    public async Task<VerifyMacResult> HandleAsync(CallContext caller, VerifyMacRequest request, CancellationToken cancellationToken)
    {
        var algorithm = KeyAlgorithms.ParseMac(request.Algorithm);
        var message = Base64Parameter.Decode(request.Message, "Message");
        var mac = Base64Parameter.Decode(request.Mac, "Mac");
        var key = await macs.FindAsync(caller, request.KeyId, algorithm, cancellationToken);
        if (request.DryRun)
        {
            throw new KmsException(KmsErrorCode.DryRunOperationError);
        }

        var valid = await macs.VerifyAsync(key, message, mac, cancellationToken);
        return new VerifyMacResult(key.Id, KeyAlgorithms.Name(algorithm), valid);
    }
}
