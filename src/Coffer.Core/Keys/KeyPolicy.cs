using System.Text;
using Coffer.Core.Accounts;
using Coffer.Core.Authorization;
using Coffer.Core.Errors;

namespace Coffer.Core.Keys;

/// <summary>
/// Key and secret policy documents: validated as RAM resource policies (<see cref="PolicyDocument"/>), stored
/// verbatim, and enforced at step 14 by <see cref="PolicyEvaluator"/>. Only the policy named <c>default</c> exists.
/// </summary>
public static class KeyPolicy
{
    /// <summary>The one policy name.</summary>
    public const string DefaultName = "default";

    /// <summary>
    /// Checks a policy document: at most <see cref="KmsOptions.MaxPolicyBytes"/> UTF-8 bytes and a valid key or secret
    /// policy (<see cref="PolicyDocument.TryParse"/> with <see cref="PolicyKind.Resource"/>).
    /// </summary>
    /// <exception cref="KmsException">InvalidParameter naming Policy.</exception>
    public static void Validate(string policy, KmsOptions options)
    {
        const string Parameter = "Policy";
        if (Encoding.UTF8.GetByteCount(policy) > options.MaxPolicyBytes)
        {
            throw KmsException.Invalid(Parameter);
        }

        PolicyDocument.Parse(policy, PolicyKind.Resource, Parameter);
    }

    /// <summary>Checks a PolicyName: absent or <c>default</c>.</summary>
    /// <exception cref="KmsException">Forbidden.ResourceNotFound for any other name.</exception>
    public static void EnsureName(string? policyName)
    {
        if (policyName is not null && policyName != DefaultName)
        {
            throw new KmsException(KmsErrorCode.ResourceNotFound);
        }
    }

    /// <summary>The policy of a key without a stored one: the account's root may do everything.</summary>
    public static string Default(AccountId account) =>
        "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"RAM\":[\"acs:ram::" + account.Value +
        ":root\"]},\"Action\":[\"kms:*\"],\"Resource\":[\"*\"]}]}";

    /// <summary>The policy in force: the stored one, else <see cref="Default"/>.</summary>
    public static string Effective(Key key) => key.Policy ?? Default(key.Account);
}
