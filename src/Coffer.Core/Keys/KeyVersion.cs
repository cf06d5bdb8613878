namespace Coffer.Core.Keys;

/// <summary>
/// One immutable version of a key. <see cref="WrappedMaterial"/> is the material wrapped under the root key (for a key
/// pair, its PKCS#8 private key); <see cref="PublicKey"/> is a key pair's DER SubjectPublicKeyInfo, stored in the
/// clear so GetPublicKey, AsymmetricVerify and AsymmetricEncrypt never unwrap, and null for every other kind.
/// </summary>
/// <param name="KeyId">The key it belongs to.</param>
/// <param name="Id">Version ID (the ciphertext prefix).</param>
/// <param name="CreationDate">When it was made.</param>
/// <param name="WrappedMaterial">
/// Root-key-wrapped material; never the raw bytes. Empty for the version of an EXTERNAL key whose material has not been
/// imported yet or was deleted.
/// </param>
/// <param name="PublicKey">A key pair's SubjectPublicKeyInfo (DER); null for symmetric and HMAC keys.</param>
public sealed record KeyVersion(KeyId KeyId, KeyVersionId Id, DateTimeOffset CreationDate, byte[] WrappedMaterial, byte[]? PublicKey = null)
{
    /// <summary>Whether the version holds material (always, except for an EXTERNAL key without imported material).</summary>
    public bool HasMaterial => WrappedMaterial.Length > 0;

    /// <inheritdoc />
    public override string ToString() => $"KeyVersion {{ KeyId = {KeyId}, Id = {Id}, CreationDate = {CreationDate:O} }}";
}
