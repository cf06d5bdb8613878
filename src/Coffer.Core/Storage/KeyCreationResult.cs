namespace Coffer.Core.Storage;

/// <summary>What became of one <see cref="KeyCreation"/> of a batch.</summary>
/// <param name="Outcome">Stored, refused for the account's key limit, or failed alone.</param>
/// <param name="Failure">With <see cref="KeyCreationOutcome.Failed"/>, the provider's failure.</param>
public readonly record struct KeyCreationResult(KeyCreationOutcome Outcome, Exception? Failure = null);
