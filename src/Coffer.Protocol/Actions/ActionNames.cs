namespace Coffer.Protocol.Actions;

/// <summary>The actions Coffer implements (docs/api.md lists the same). Every other Action is InvalidAction.NotFound.</summary>
public static class ActionNames
{
    /// <summary>The supported actions, in the order docs/api.md lists them.</summary>
    public static IReadOnlyList<string> Supported { get; } =
    [
        "DescribeRegions",
        "DescribeAccountKmsStatus",
        "OpenKmsService",
        "CreateKey",
        "DescribeKey",
        "ListKeys",
        "Encrypt",
        "Decrypt",
        "GenerateDataKey",
        "GenerateDataKeyWithoutPlaintext",
        "GenerateAndExportDataKey",
        "ExportDataKey",

        // Lifecycle, policies, versions and rotation.
        "UpdateKeyDescription",
        "EnableKey",
        "DisableKey",
        "ScheduleKeyDeletion",
        "CancelKeyDeletion",
        "SetDeletionProtection",
        "GetKeyPolicy",
        "SetKeyPolicy",
        "CreateKeyVersion",
        "DescribeKeyVersion",
        "ListKeyVersions",
        "UpdateRotationPolicy",

        // Aliases, tags and ReEncrypt.
        "CreateAlias",
        "UpdateAlias",
        "DeleteAlias",
        "ListAliases",
        "ListAliasesByKeyId",
        "TagResources",
        "UntagResources",
        "ListTagResources",
        "TagResource",
        "UntagResource",
        "ListResourceTags",
        "ReEncrypt",

        // Secrets Manager.
        "CreateSecret",
        "GetSecretValue",
        "BatchGetSecretValue",
        "PutSecretValue",
        "ListSecretVersionIds",
        "UpdateSecretVersionStage",
        "DescribeSecret",
        "ListSecrets",
        "UpdateSecret",
        "DeleteSecret",
        "RestoreSecret",
        "GetRandomPassword",
        "GetSecretPolicy",
        "SetSecretPolicy",
        "UpdateSecretRotationPolicy",
        "RotateSecret",

        // Key pairs and HMAC keys.
        "GetPublicKey",

        // Bring your own key.
        "GetParametersForImport",
        "ImportKeyMaterial",
        "DeleteKeyMaterial",
        "AsymmetricSign",
        "AsymmetricVerify",
        "AsymmetricEncrypt",
        "AsymmetricDecrypt",
        "GenerateMac",
        "VerifyMac",
    ];

    /// <summary>Actions that skip the KmsServiceNotEnabled check (step 11 of the order of checks).</summary>
    public static IReadOnlySet<string> ExemptFromServiceNotEnabled { get; } =
        new HashSet<string>(StringComparer.Ordinal) { "OpenKmsService", "DescribeAccountKmsStatus", "DescribeRegions" };

    /// <summary>
    /// Actions that run in every account state: DescribeAccountKmsStatus reports the state (Enabled, NotEnabled, InDebt,
    /// Suspended), which it could not do if the state refused it.
    /// </summary>
    public static IReadOnlySet<string> ReportsAccountState { get; } = new HashSet<string>(StringComparer.Ordinal) { "DescribeAccountKmsStatus" };

    /// <summary>The only API version.</summary>
    public const string ApiVersion = "2016-01-20";
}
