using System.Text;
using Coffer.Core.Errors;
using Coffer.Core.Requests;
using Coffer.Core.Secrets;

namespace Coffer.Core.Operations;

/// <summary>PutSecretValue parameters; a null <see cref="VersionStages"/> means <c>["ACSCurrent"]</c>.</summary>
public sealed record PutSecretValueRequest(
    string SecretName, string VersionId, string SecretData, string? SecretDataType = null, IReadOnlyList<string>? VersionStages = null)
{
    // Security: the generated ToString would print the secret value.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("SecretName = ").Append(SecretName).Append(", VersionId = ").Append(VersionId).Append(", SecretData = (redacted)");
        return true;
    }
}

/// <summary>PutSecretValue: a new version. Stages it takes leave the other versions; ACSCurrent's old holder becomes ACSPrevious.</summary>
public sealed class PutSecretValue(SecretVault vault, TimeProvider time)
{
    /// <summary>Runs the action; returns the secret and the new (or identical existing) version.</summary>
    /// <exception cref="KmsException">
    /// InvalidParameter; Forbidden.ResourceNotFound; Rejected.ResourceInDeleteWindow; Rejected.ResourceExist (same
    /// VersionId, other data); Rejected.LimitExceeded; the encryption key's 404 or 409.
    /// </exception>
    public async Task<(Secret Secret, SecretVersion Version)> HandleAsync(CallContext caller, PutSecretValueRequest request, CancellationToken cancellationToken)
    {
        SecretRules.CheckVersionId(request.VersionId);
        var dataType = SecretRules.CheckData(request.SecretData, request.SecretDataType);
        var stages = request.VersionStages ?? [SecretRules.Current];
        foreach (var stage in stages)
        {
            SecretRules.CheckStage(stage, "VersionStages");
        }

        return await vault.UpdateAsync<(Secret, SecretVersion)>(caller, request.SecretName, async (secret, versions) =>
        {
            SecretVault.EnsureNotInDeleteWindow(secret);
            if (secret.SecretType != SecretRules.Generic)
            {
                throw new KmsException(KmsErrorCode.UnsupportedOperation);
            }

            if (versions.FirstOrDefault(v => v.VersionId == request.VersionId) is { } existing)
            {
                var data = await vault.OpenAsync(caller, secret, existing, cancellationToken);
                if (data != request.SecretData || existing.DataType != dataType)
                {
                    throw new KmsException(KmsErrorCode.ResourceExist);
                }

                // Idempotent: nothing changes, the stored state is saved back unchanged under a new revision.
                return (secret, [], [], (secret, existing));
            }

            var now = CreateKey.WholeSeconds(time.GetUtcNow());
            var others = versions.Select(v => v with { Stages = Move(v, stages) }).ToList();
            var changed = others.Where((v, i) => !v.Stages.SequenceEqual(versions[i].Stages)).ToList();
            var removed = new List<string>();
            if (others.Count + 1 > SecretRules.MaxVersions)
            {
                var oldest = others.FirstOrDefault(v => v.Stages.Count == 0) ?? throw new KmsException(KmsErrorCode.LimitExceeded);
                removed.Add(oldest.VersionId);
                others.Remove(oldest);
                changed.RemoveAll(v => v.VersionId == oldest.VersionId);
            }

            var version = await vault.SealAsync(caller, secret, request.VersionId, request.SecretData, dataType, stages, now, cancellationToken);
            if (SecretRules.StageCount([.. others, version]) > SecretRules.MaxStages)
            {
                throw new KmsException(KmsErrorCode.LimitExceeded);
            }

            var updated = secret with { UpdateTime = now, Revision = secret.Revision + 1 };
            return (updated, [.. changed, version], removed, (updated, version));
        }, cancellationToken);
    }

    private static List<string> Move(SecretVersion version, IReadOnlyList<string> newStages)
    {
        var stages = version.Stages.Where(s => !newStages.Contains(s)).ToList();
        if (newStages.Contains(SecretRules.Current) && version.Stages.Contains(SecretRules.Current) && !newStages.Contains(SecretRules.Previous))
        {
            stages.Add(SecretRules.Previous);
        }
        else if (newStages.Contains(SecretRules.Current) && !newStages.Contains(SecretRules.Previous))
        {
            stages.Remove(SecretRules.Previous);
        }

        return stages;
    }
}
