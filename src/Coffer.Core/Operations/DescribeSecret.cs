using Coffer.Core.Errors;
using Coffer.Core.Requests;
using Coffer.Core.Secrets;
using Coffer.Core.Storage;
using Coffer.Core.Tags;

namespace Coffer.Core.Operations;

/// <summary>A secret's metadata and, when asked for, its tags.</summary>
public sealed record SecretDescription(Secret Secret, IReadOnlyList<Tag>? Tags);

/// <summary>DescribeSecret: metadata only, never a value; works inside the recovery window.</summary>
public sealed class DescribeSecret(SecretVault vault, ITagStore tags)
{
    /// <summary>Runs the action.</summary>
    /// <exception cref="KmsException">Forbidden.ResourceNotFound.</exception>
    public async Task<SecretDescription> HandleAsync(CallContext caller, string secretName, bool fetchTags, CancellationToken cancellationToken)
    {
        var secret = await vault.FindAsync(caller, secretName, cancellationToken);
        var list = fetchTags ? await tags.ListAsync(caller.Account, SecretRules.ResourceType, secret.Name, cancellationToken) : null;
        return new SecretDescription(secret, list);
    }
}
