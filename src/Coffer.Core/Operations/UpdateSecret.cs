using Coffer.Core.Errors;
using Coffer.Core.Requests;
using Coffer.Core.Secrets;

namespace Coffer.Core.Operations;

/// <summary>UpdateSecret parameters; a null Description leaves it, an ExtendedConfig is refused (managed types only).</summary>
public sealed record UpdateSecretRequest(string SecretName, string? Description, bool HasExtendedConfig = false);

/// <summary>UpdateSecret: changes the description of a secret.</summary>
public sealed class UpdateSecret(SecretVault vault, KmsOptions options, TimeProvider time)
{
    /// <summary>Runs the action; returns the secret.</summary>
    /// <exception cref="KmsException">
    /// InvalidParameter Description; Forbidden.ResourceNotFound; Rejected.ResourceInDeleteWindow;
    /// Rejected.UnsupportedOperation for an ExtendedConfig.
    /// </exception>
    public async Task<Secret> HandleAsync(CallContext caller, UpdateSecretRequest request, CancellationToken cancellationToken)
    {
        if (request.Description is { } description && description.Length > options.MaxDescriptionLength)
        {
            throw KmsException.Invalid("Description");
        }

        return await vault.UpdateAsync(caller, request.SecretName, (secret, _) =>
        {
            SecretVault.EnsureNotInDeleteWindow(secret);
            if (request.HasExtendedConfig)
            {
                throw new KmsException(KmsErrorCode.UnsupportedOperation);
            }

            var updated = secret with
            {
                Description = request.Description ?? secret.Description,
                UpdateTime = CreateKey.WholeSeconds(time.GetUtcNow()),
                Revision = secret.Revision + 1,
            };
            return Task.FromResult<(Secret, IReadOnlyList<SecretVersion>, IReadOnlyList<string>, Secret)>((updated, [], [], updated));
        }, cancellationToken);
    }
}
