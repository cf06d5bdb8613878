using System.Text;
using Coffer.Core.Errors;
using Coffer.Core.Keys;
using Coffer.Core.Requests;

namespace Coffer.Core.Operations;

/// <summary>Encrypt parameters. <see cref="Plaintext"/> is encrypted as the UTF-8 bytes of the text received.</summary>
public sealed record EncryptRequest(string KeyId, string Plaintext, EncryptionContext Context, bool DryRun)
{
    // Security: the generated ToString would print the plaintext.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("KeyId = ").Append(KeyId).Append(", Plaintext = (redacted), DryRun = ").Append(DryRun);
        return true;
    }
}

/// <summary>Encrypt result.</summary>
public sealed record EncryptResult(KeyId KeyId, KeyVersionId KeyVersionId, byte[] CiphertextBlob);

/// <summary>Encrypt: seals the plaintext text under the key's primary version.</summary>
public sealed class Encrypt(KeyResolver resolver, SymmetricEnvelope envelope)
{
    /// <summary>Largest plaintext, in UTF-8 bytes.</summary>
    public const int MaxPlaintextBytes = 6_144;

    /// <summary>Runs the action.</summary>
    /// <exception cref="KmsException">InvalidParameter Plaintext over 6 KiB; 404 for an unknown key; 409 for its state.</exception>
    public async Task<EncryptResult> HandleAsync(CallContext caller, EncryptRequest request, CancellationToken cancellationToken)
    {
        var plaintext = Encoding.UTF8.GetBytes(request.Plaintext);
        if (plaintext.Length > MaxPlaintextBytes)
        {
            throw KmsException.Invalid("Plaintext");
        }

        var key = await resolver.ResolveAsync(caller, request.KeyId, cancellationToken);
        SymmetricEnvelope.EnsureCanEncrypt(key);
        if (request.DryRun)
        {
            throw new KmsException(KmsErrorCode.DryRunOperationError);
        }

        var (blob, version) = await envelope.SealAsync(key, plaintext, request.Context, cancellationToken);
        return new EncryptResult(key.Id, version, blob);
    }
}
