using Coffer.Core.Errors;
using Coffer.Core.Requests;
using Coffer.Core.Secrets;

namespace Coffer.Core.Operations;

/// <summary>UpdateSecretVersionStage parameters: add (MoveToVersion), remove (RemoveFromVersion) or move (both).</summary>
public sealed record UpdateSecretVersionStageRequest(string SecretName, string VersionStage, string? RemoveFromVersion, string? MoveToVersion);

/// <summary>
/// UpdateSecretVersionStage: moves a stage label between versions. ACSCurrent and ACSPrevious can only be moved;
/// moving ACSCurrent makes its old holder ACSPrevious, as PutSecretValue does.
/// </summary>
public sealed class UpdateSecretVersionStage(SecretVault vault, TimeProvider time)
{
    /// <summary>Runs the action; returns the secret.</summary>
    /// <exception cref="KmsException">
    /// MissingParameter MoveToVersion; InvalidParameter; Forbidden.ResourceNotFound (secret or version);
    /// Rejected.ResourceInDeleteWindow; Rejected.UnsupportedOperation; Rejected.LimitExceeded.
    /// </exception>
    public async Task<Secret> HandleAsync(CallContext caller, UpdateSecretVersionStageRequest request, CancellationToken cancellationToken)
    {
        var stage = request.VersionStage;
        var reserved = stage is SecretRules.Current or SecretRules.Previous;
        if (request.MoveToVersion is null && (reserved || request.RemoveFromVersion is null))
        {
            throw KmsException.Missing("MoveToVersion");
        }

        SecretRules.CheckStage(stage, "VersionStage");
        if (request.RemoveFromVersion is { } from)
        {
            SecretRules.CheckVersionId(from, "RemoveFromVersion");
        }

        if (request.MoveToVersion is { } to)
        {
            SecretRules.CheckVersionId(to, "MoveToVersion");
        }

        return await vault.UpdateAsync(caller, request.SecretName, (secret, versions) =>
        {
            SecretVault.EnsureNotInDeleteWindow(secret);
            if (secret.SecretType != SecretRules.Generic)
            {
                throw new KmsException(KmsErrorCode.UnsupportedOperation);
            }

            var target = request.MoveToVersion is null ? null
                : versions.FirstOrDefault(v => v.VersionId == request.MoveToVersion) ?? throw new KmsException(KmsErrorCode.ResourceNotFound);
            var source = request.RemoveFromVersion is null ? null
                : versions.FirstOrDefault(v => v.VersionId == request.RemoveFromVersion) ?? throw new KmsException(KmsErrorCode.ResourceNotFound);
            var holder = versions.FirstOrDefault(v => v.Stages.Contains(stage));
            if (source is not null && !source.Stages.Contains(stage))
            {
                throw KmsException.Invalid("RemoveFromVersion");
            }

            if (target is not null && holder is not null && holder.VersionId != target.VersionId && source is null)
            {
                // The stage is on another version: moving it needs RemoveFromVersion naming that version.
                throw KmsException.Invalid("RemoveFromVersion");
            }

            var updatedVersions = versions.Select(v =>
            {
                var stages = v.Stages.Where(s => s != stage).ToList();
                if (target is not null && v.VersionId == target.VersionId)
                {
                    stages.Add(stage);
                    if (stage == SecretRules.Current)
                    {
                        stages.Remove(SecretRules.Previous);
                    }
                }
                else if (stage == SecretRules.Current && holder is not null && v.VersionId == holder.VersionId && holder.VersionId != target?.VersionId)
                {
                    stages.Add(SecretRules.Previous);
                }
                else if (stage == SecretRules.Current && holder is not null && holder.VersionId != target?.VersionId)
                {
                    stages.Remove(SecretRules.Previous);
                }

                return v with { Stages = stages };
            }).ToList();
            if (SecretRules.StageCount(updatedVersions) > SecretRules.MaxStages)
            {
                throw new KmsException(KmsErrorCode.LimitExceeded);
            }

            var changed = updatedVersions.Where((v, i) => !v.Stages.SequenceEqual(versions[i].Stages)).ToList();
            var updated = secret with { UpdateTime = CreateKey.WholeSeconds(time.GetUtcNow()), Revision = secret.Revision + 1 };
            return Task.FromResult<(Secret, IReadOnlyList<SecretVersion>, IReadOnlyList<string>, Secret)>((updated, changed, [], updated));
        }, cancellationToken);
    }
}
