using Coffer.Core.Accounts;
using Coffer.Core.Authorization;

namespace Coffer.Core.Access;

/// <summary>
/// An AccessKey pair as stored: the secret is wrapped under the root key (it cannot be hashed, because the
/// server recomputes request HMACs). <see cref="ToString"/> never shows it.
/// </summary>
public sealed record AccessKey(
    string Id, AccountId Account, byte[] WrappedSecret, bool Enabled, DateTimeOffset CreationDate, long Revision)
{
    /// <summary>The user the AccessKey belongs to; null for the account's administrator.</summary>
    public string? UserName { get; init; }

    /// <summary>Who requests signed with this AccessKey act as.</summary>
    public AccessPrincipal Principal => UserName is null ? AccessPrincipal.Administrator(Account) : AccessPrincipal.User(Account, UserName);

    /// <inheritdoc />
    public override string ToString() =>
        $"AccessKey {{ Id = {Id}, Account = {Account}, User = {UserName}, Enabled = {Enabled}, CreationDate = {CreationDate:O} }}";
}
