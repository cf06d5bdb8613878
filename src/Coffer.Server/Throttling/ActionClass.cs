namespace Coffer.Server.Throttling;

/// <summary>The classes of actions Alibaba's shared gateway gives separate per-account QPS quotas.</summary>
public enum ActionClass
{
    /// <summary>Symmetric data-plane calls: Encrypt, Decrypt, GenerateDataKey*, ReEncrypt, MACs, secret values.</summary>
    Symmetric,

    /// <summary>Asymmetric calls: Asymmetric*, GetPublicKey.</summary>
    Asymmetric,

    /// <summary>Everything else: key, alias, tag, secret and account management.</summary>
    Management,
}
