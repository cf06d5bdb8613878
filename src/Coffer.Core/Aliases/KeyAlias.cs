using Coffer.Core.Accounts;
using Coffer.Core.Keys;

namespace Coffer.Core.Aliases;

/// <summary>An alias: a name of one account pointing at one key.</summary>
public sealed record KeyAlias(AccountId Account, AliasName Name, KeyId KeyId, DateTimeOffset CreationDate);
