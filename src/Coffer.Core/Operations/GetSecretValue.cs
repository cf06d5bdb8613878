using System.Text;
using Coffer.Core.Errors;
using Coffer.Core.Requests;
using Coffer.Core.Secrets;

namespace Coffer.Core.Operations;

/// <summary>GetSecretValue parameters: by VersionId, else by VersionStage (ACSCurrent by default).</summary>
public sealed record GetSecretValueRequest(string SecretName, string? VersionId = null, string? VersionStage = null, bool DryRun = false);

/// <summary>One secret value with its version.</summary>
public sealed record SecretValueResult(Secret Secret, SecretVersion Version, string SecretData)
{
    // Security: the generated ToString would print the secret value.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("SecretName = ").Append(Secret.Name).Append(", VersionId = ").Append(Version.VersionId).Append(", SecretData = (redacted)");
        return true;
    }
}

/// <summary>GetSecretValue: decrypts the selected version; the encryption key's state gates it.</summary>
public sealed class GetSecretValue(SecretVault vault)
{
    /// <summary>Runs the action.</summary>
    /// <exception cref="KmsException">
    /// InvalidParameter VersionId or VersionStage; Forbidden.ResourceNotFound; Rejected.ResourceInDeleteWindow;
    /// the encryption key's 404 or 409; DryRunOperationError.
    /// </exception>
    public async Task<SecretValueResult> HandleAsync(CallContext caller, GetSecretValueRequest request, CancellationToken cancellationToken)
    {
        if (request.VersionId is { } id)
        {
            SecretRules.CheckVersionId(id);
        }

        if (request.VersionStage is { } stage)
        {
            SecretRules.CheckStage(stage, "VersionStage");
        }

        var secret = await vault.FindAsync(caller, request.SecretName, cancellationToken);
        SecretVault.EnsureNotInDeleteWindow(secret);
        var versions = await vault.Store.ListVersionsAsync(secret.Account, secret.Name, cancellationToken);
        var version = SecretVault.Select(versions, request.VersionId, request.VersionStage);
        var data = await vault.OpenAsync(caller, secret, version, cancellationToken);
        if (request.DryRun)
        {
            throw new KmsException(KmsErrorCode.DryRunOperationError);
        }

        return new SecretValueResult(secret, version, data);
    }
}
