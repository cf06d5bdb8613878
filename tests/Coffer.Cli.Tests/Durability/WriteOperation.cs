namespace Coffer.Cli.Tests.Durability;

/// <summary>
/// One write the crash load sent, with what it must have left behind. The fields mean, per kind:
/// CreateKey: Target key ID (empty while unanswered), Version its primary version, Data the unique Description;
/// CreateAlias/UpdateAlias: Target alias name, Value key ID; CreateKeyVersion: Target key ID, Version the new version;
/// UpdateRotationPolicy: Target key ID, Value the interval in seconds (empty: disabled);
/// CreateSecret/PutSecretValue: Target secret name, Version the VersionId, Data the SecretData;
/// Encrypt: Target key ID, Version the KeyVersionId, Value the CiphertextBlob, Data the plaintext.
/// </summary>
internal sealed record WriteOperation(WriteKind Kind, string Target, string Value = "", string Version = "", string Data = "")
{
    /// <summary>The cycle (between two kills) in which it was answered.</summary>
    public int Cycle { get; init; }

    /// <summary>Why it counts as lost, once a check failed (null while found).</summary>
    public string? LostBecause { get; set; }

    /// <summary>For failure messages (test data only: the plaintexts and secret values are made up by the harness).</summary>
    public string Describe() =>
        $"{Kind} {Target}{(Value.Length > 0 && Kind != WriteKind.Encrypt ? " → " + Value : "")}{(Version.Length > 0 ? " version " + Version : "")} (cycle {Cycle})";
}
