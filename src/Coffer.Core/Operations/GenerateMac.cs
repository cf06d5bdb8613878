using System.Text;
using Coffer.Core.Errors;
using Coffer.Core.Keys;
using Coffer.Core.Requests;

namespace Coffer.Core.Operations;

/// <summary>GenerateMac parameters as received: the Algorithm name and the base64 Message.</summary>
public sealed record GenerateMacRequest(string KeyId, string Algorithm, string Message, bool DryRun)
{
    // Security: the message may be secret.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("KeyId = ").Append(KeyId).Append(", Algorithm = ").Append(Algorithm).Append(", Message = (redacted)");
        return true;
    }
}

/// <summary>GenerateMac result: the full-length HMAC and the algorithm's name.</summary>
public sealed record GenerateMacResult(KeyId KeyId, string Algorithm, byte[] Mac)
{
    // Security: a MAC is a secret-derived value; keep it out of logs.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("KeyId = ").Append(KeyId).Append(", Algorithm = ").Append(Algorithm).Append(", Mac = (redacted)");
        return true;
    }
}

/// <summary>GenerateMac: the HMAC of the message under the HMAC key's primary version.</summary>
public sealed class GenerateMac(MacKeyAccess macs)
{
    /// <summary>Runs the action.</summary>
    /// <exception cref="KmsException">
    /// InvalidParameter Algorithm (unknown, or not the key spec's) or Message (not base64); 404; 409;
    /// Rejected.UnsupportedOperation for a key that is not an HMAC key; DryRunOperationError.
    /// </exception>
    public async Task<GenerateMacResult> HandleAsync(CallContext caller, GenerateMacRequest request, CancellationToken cancellationToken)
    {
        var algorithm = KeyAlgorithms.ParseMac(request.Algorithm);
        var message = Base64Parameter.Decode(request.Message, "Message");
        var key = await macs.FindAsync(caller, request.KeyId, algorithm, cancellationToken);
        if (request.DryRun)
        {
            throw new KmsException(KmsErrorCode.DryRunOperationError);
        }

        var mac = await macs.ComputeAsync(key, message, cancellationToken);
        return new GenerateMacResult(key.Id, KeyAlgorithms.Name(algorithm), mac);
    }
}
