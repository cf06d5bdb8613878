using Coffer.Core.Keys;

namespace Coffer.Core.Storage;

/// <summary>One new key, with its first version, for <see cref="IKeyStore.TryCreateBatchAsync"/>.</summary>
/// <param name="Key">The key to store.</param>
/// <param name="FirstVersion">Its first version.</param>
/// <param name="AccountKeyLimit">
/// The most keys the key's account may hold: the key is stored only while the account holds fewer.
/// </param>
public sealed record KeyCreation(Key Key, KeyVersion FirstVersion, int AccountKeyLimit);
