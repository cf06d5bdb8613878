namespace Coffer.Core.Keys;

/// <summary>Alibaba's Origin values (case-sensitive, also the stored form).</summary>
public static class KeyOrigins
{
    /// <summary>Coffer generates the material.</summary>
    public const string Kms = "Aliyun_KMS";

    /// <summary>Bring your own key: the key is born in PendingImport and its material is imported.</summary>
    public const string External = "EXTERNAL";
}
