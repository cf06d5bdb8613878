namespace Coffer.Core.Authorization;

/// <summary>The condition keys Coffer knows; any other key is <see cref="Unknown"/> and never allows.</summary>
internal enum ConditionKey
{
    Unknown,
    SourceIp,
    CurrentTime,
    SecureTransport,
    EncryptionContext,
}
