using Coffer.Core.Accounts;
using Coffer.Core.Aliases;
using Coffer.Core.Keys;
using Coffer.Server.Binding;

namespace Coffer.Server.Authorization;

/// <summary>
/// The resources each action names, for step 11 (DECISIONS.md: a key ID or ARN gives the key ARN, an alias its alias
/// ARN, a secret name its secret ARN; Decrypt and list calls <c>*</c>).
/// </summary>
internal static class NamedResources
{
    /// <summary>The wildcard resource of calls that name none (list calls, Decrypt, CreateKey).</summary>
    public const string Any = "*";

    /// <summary>Actions that need no permission (Alibaba: DescribeRegions is open to every authenticated caller).</summary>
    public static bool IsOpen(string action) => action == "DescribeRegions";

    /// <summary>
    /// The resources <paramref name="action"/> names in <paramref name="request"/>. A reference naming another account
    /// or region is left out: it resolves to nothing whatever the caller may do (a 404 decided by the text alone).
    /// </summary>
    public static List<NamedResource> Of(string action, RpcRequest request, AccountId account, string region)
    {
        var named = new List<NamedResource>(2);
        switch (action)
        {
            case "Decrypt":
                named.Add(new NamedResource(Any, ResolvedLater: true));
                return named;
            case "ReEncrypt":
                AddKey(named, request.Get("DestinationKeyId"), account, region);
                named.Add(new NamedResource(Any, ResolvedLater: true));
                return named;
            case "TagResources" or "UntagResources":
                // Every resource of the list is resolved and decided at step 14 (a 404 stops the whole call).
                named.Add(new NamedResource(Any, ResolvedLater: true));
                return named;
            case "BatchGetSecretValue":
                // Per-secret failures, 404s included, are answered inside a 200: the call itself needs an Allow as named.
                named.Add(new NamedResource(Any, ResolvedLater: false));
                return named;
            case "CreateSecret":
                AddSecret(named, request.Get("SecretName"), account, region, resolvedLater: false);
                return named;
        }

        AddKey(named, request.Get("KeyId") ?? (action == "SetDeletionProtection" ? request.Get("ProtectedResourceArn") : null), account, region);
        if (request.Get("AliasName") is { Length: > 0 } aliasName)
        {
            named.Add(new NamedResource(Arn(region, account, aliasName), ResolvedLater: false));
        }

        AddSecret(named, request.Get("SecretName"), account, region, resolvedLater: true);
        if (named.Count == 0)
        {
            named.Add(new NamedResource(Any, ResolvedLater: false));
        }

        return named;
    }

    private static void AddKey(List<NamedResource> named, string? reference, AccountId account, string region)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return;
        }

        if (reference.StartsWith("acs:", StringComparison.Ordinal))
        {
            if (KeyArns.TryParse(reference, region, account, out _, out _))
            {
                named.Add(new NamedResource(reference, ResolvedLater: true));
            }

            return;
        }

        named.Add(new NamedResource(
            reference.StartsWith(AliasName.Prefix, StringComparison.Ordinal) ? Arn(region, account, reference) : Arn(region, account, "key/" + reference),
            ResolvedLater: true));
    }

    private static void AddSecret(List<NamedResource> named, string? reference, AccountId account, string region, bool resolvedLater)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return;
        }

        if (reference.StartsWith("acs:", StringComparison.Ordinal))
        {
            if (KeyArns.TryParse(reference, region, account, out _, out _))
            {
                named.Add(new NamedResource(reference, resolvedLater));
            }

            return;
        }

        named.Add(new NamedResource(Arn(region, account, "secret/" + reference), resolvedLater));
    }

    private static string Arn(string region, AccountId account, string resource) => $"acs:kms:{region}:{account.Value}:{resource}";
}
