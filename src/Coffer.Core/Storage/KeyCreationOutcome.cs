namespace Coffer.Core.Storage;

/// <summary>What became of one <see cref="KeyCreation"/> of a batch.</summary>
public enum KeyCreationOutcome
{
    /// <summary>The key and its first version were stored (durable once the batch's call returns).</summary>
    Created,

    /// <summary>Not stored: its account already held <see cref="KeyCreation.AccountKeyLimit"/> keys.</summary>
    LimitExceeded,

    /// <summary>Not stored: writing this key alone failed (the other keys of the batch are unaffected).</summary>
    Failed,
}
