using Coffer.Core.Accounts;
using Coffer.Core.Aliases;

namespace Coffer.Core.Keys;

/// <summary>ARNs: <c>acs:kms:{region}:{uid}:key/{KeyId}</c> and <c>acs:kms:{region}:{uid}:alias/{name}</c>.</summary>
public static class KeyArns
{
    /// <summary>The key's ARN.</summary>
    public static string ForKey(string region, AccountId account, KeyId key) => $"acs:kms:{region}:{account.Value}:key/{key.Value}";

    /// <summary>The alias's ARN: <c>acs:kms:{region}:{uid}:</c> followed by the full name, <c>alias/</c> included.</summary>
    public static string ForAlias(string region, AccountId account, AliasName name) => $"acs:kms:{region}:{account.Value}:{name.Value}";

    /// <summary>Splits an ARN of this region and account into its resource type and name; false otherwise.</summary>
    public static bool TryParse(string arn, string region, AccountId account, out string resourceType, out string name)
    {
        resourceType = "";
        name = "";
        var prefix = $"acs:kms:{region}:{account.Value}:";
        if (!arn.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = arn[prefix.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0)
        {
            return false;
        }

        resourceType = rest[..slash];
        name = rest[(slash + 1)..];
        return true;
    }
}
