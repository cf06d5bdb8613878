namespace Coffer.Core.Keys;

/// <summary>One immutable version of a key. <see cref="WrappedMaterial"/> is the material wrapped under the root key.</summary>
/// <param name="KeyId">The key it belongs to.</param>
/// <param name="Id">Version ID (the ciphertext prefix).</param>
/// <param name="CreationDate">When it was made.</param>
/// <param name="WrappedMaterial">Root-key-wrapped material; never the raw bytes.</param>
public sealed record KeyVersion(KeyId KeyId, KeyVersionId Id, DateTimeOffset CreationDate, byte[] WrappedMaterial)
{
    /// <inheritdoc />
    public override string ToString() => $"KeyVersion {{ KeyId = {KeyId}, Id = {Id}, CreationDate = {CreationDate:O} }}";
}
