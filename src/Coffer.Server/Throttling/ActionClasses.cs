namespace Coffer.Server.Throttling;

/// <summary>Which <see cref="ActionClass"/> an action counts against.</summary>
public static class ActionClasses
{
    private static readonly HashSet<string> Symmetric = new(StringComparer.Ordinal)
    {
        "Encrypt", "Decrypt", "GenerateDataKey", "GenerateDataKeyWithoutPlaintext", "ReEncrypt", "ExportDataKey",
        "GenerateAndExportDataKey", "GenerateMac", "VerifyMac", "GetSecretValue", "BatchGetSecretValue",
    };

    /// <summary>The class of <paramref name="action"/>.</summary>
    public static ActionClass Of(string action) =>
        Symmetric.Contains(action) ? ActionClass.Symmetric
        : action.StartsWith("Asymmetric", StringComparison.Ordinal) || action == "GetPublicKey" ? ActionClass.Asymmetric
        : ActionClass.Management;
}
