namespace Coffer.Cli.Tests.Durability;

/// <summary>The write actions the crash load sends (Encrypt writes only a nonce, but its ciphertext must stay decryptable).</summary>
internal enum WriteKind
{
    CreateKey,
    CreateAlias,
    UpdateAlias,
    CreateKeyVersion,
    UpdateRotationPolicy,
    CreateSecret,
    PutSecretValue,
    Encrypt,
}
