using Coffer.Core.Storage;

namespace Coffer.Core.Accounts;

/// <summary>The quotas in force for an account: its stored overrides over the server's <see cref="KmsOptions"/>.</summary>
public sealed class AccountLimits(IAccountStore accounts)
{
    /// <summary>The stored quotas of <paramref name="account"/> (<see cref="AccountQuotas.None"/> when it has none).</summary>
    public async Task<AccountQuotas> GetAsync(AccountId account, CancellationToken cancellationToken) =>
        (await accounts.FindAsync(account, cancellationToken))?.Quotas ?? AccountQuotas.None;
}
