using Coffer.Core.Errors;
using Coffer.Core.Keys;
using Coffer.Core.Requests;
using Coffer.Core.Secrets;

namespace Coffer.Core.Operations;

/// <summary>GetSecretPolicy: the stored policy verbatim, or the default one; any secret state.</summary>
public sealed class GetSecretPolicy(SecretVault vault)
{
    /// <summary>Runs the action; returns the policy document.</summary>
    /// <exception cref="KmsException">Forbidden.ResourceNotFound (secret, or a PolicyName other than <c>default</c>).</exception>
    public async Task<string> HandleAsync(CallContext caller, string secretName, string? policyName, CancellationToken cancellationToken)
    {
        var secret = await vault.FindAsync(caller, secretName, cancellationToken);
        KeyPolicy.EnsureName(policyName);
        return secret.Policy ?? KeyPolicy.Default(secret.Account);
    }
}

/// <summary>SetSecretPolicy: stores the policy verbatim; it is not enforced until access control exists.</summary>
public sealed class SetSecretPolicy(SecretVault vault, KmsOptions options)
{
    /// <summary>Runs the action.</summary>
    /// <exception cref="KmsException">InvalidParameter Policy; Forbidden.ResourceNotFound.</exception>
    public async Task HandleAsync(CallContext caller, string secretName, string policy, string? policyName, CancellationToken cancellationToken)
    {
        KeyPolicy.Validate(policy, options);
        await vault.UpdateAsync(caller, secretName, (secret, _) =>
        {
            KeyPolicy.EnsureName(policyName);
            var updated = secret with { Policy = policy, Revision = secret.Revision + 1 };
            return Task.FromResult<(Secret, IReadOnlyList<SecretVersion>, IReadOnlyList<string>, bool)>((updated, [], [], true));
        }, cancellationToken);
    }
}

/// <summary>
/// UpdateSecretRotationPolicy and RotateSecret: only managed secrets rotate, and Coffer has no backend for them, so
/// after the usual checks both answer Rejected.UnsupportedOperation rather than pretending.
/// </summary>
public sealed class SecretRotation(SecretVault vault)
{
    /// <summary>Runs either action on a resolved secret.</summary>
    /// <exception cref="KmsException">Forbidden.ResourceNotFound; Rejected.UnsupportedOperation.</exception>
    public async Task HandleAsync(CallContext caller, string secretName, CancellationToken cancellationToken)
    {
        await vault.FindAsync(caller, secretName, cancellationToken);
        throw new KmsException(KmsErrorCode.UnsupportedOperation);
    }
}
