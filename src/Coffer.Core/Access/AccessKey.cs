using Coffer.Core.Accounts;

namespace Coffer.Core.Access;

/// <summary>
/// An AccessKey pair as stored: the secret is wrapped under the root key (it cannot be hashed, because the
/// server recomputes request HMACs). <see cref="ToString"/> never shows it.
/// </summary>
public sealed record AccessKey(
    string Id, AccountId Account, byte[] WrappedSecret, bool Enabled, DateTimeOffset CreationDate, long Revision)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"AccessKey {{ Id = {Id}, Account = {Account}, Enabled = {Enabled}, CreationDate = {CreationDate:O} }}";
}
