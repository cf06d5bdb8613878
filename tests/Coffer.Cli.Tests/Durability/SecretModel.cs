namespace Coffer.Cli.Tests.Durability;

/// <summary>What the acknowledged writes say a secret must hold.</summary>
internal sealed class SecretModel(string versionId, string data)
{
    /// <summary>VersionId → SecretData of every acknowledged version.</summary>
    public Dictionary<string, string> Versions { get; } = new(StringComparer.Ordinal) { [versionId] = data };

    /// <summary>The version that holds ACSCurrent.</summary>
    public string Current { get; set; } = versionId;
}
