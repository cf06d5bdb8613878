using Coffer.Core.Accounts;

namespace Coffer.Core.Authorization;

/// <summary>
/// Who is calling, as policies name it: an account's administrator (<c>acs:ram::&lt;uid&gt;:root</c>) or a user of
/// the account (<c>acs:ram::&lt;uid&gt;:user/&lt;name&gt;</c>).
/// </summary>
public sealed record AccessPrincipal
{
    private AccessPrincipal(AccountId account, string? userName)
    {
        Account = account;
        UserName = userName;
        Arn = userName is null ? $"acs:ram::{account.Value}:root" : $"acs:ram::{account.Value}:user/{userName}";
    }

    /// <summary>The principal's account.</summary>
    public AccountId Account { get; }

    /// <summary>The user's name; null for the account's administrator.</summary>
    public string? UserName { get; }

    /// <summary>The principal ARN key and secret policies match against.</summary>
    public string Arn { get; }

    /// <summary>Whether this is the account's administrator, who may do everything in its account unless a policy denies it.</summary>
    public bool IsAdministrator => UserName is null;

    /// <summary>The administrator of <paramref name="account"/> (the first start's AccessKey belongs to it).</summary>
    public static AccessPrincipal Administrator(AccountId account) => new(account, null);

    /// <summary>The user <paramref name="userName"/> of <paramref name="account"/>.</summary>
    public static AccessPrincipal User(AccountId account, string userName)
    {
        ArgumentException.ThrowIfNullOrEmpty(userName);
        return new AccessPrincipal(account, userName);
    }
}
