namespace Coffer.Core.Hosting;

/// <summary>What the start needs to open or initialise a data folder.</summary>
/// <param name="DataDirectory">The data folder (root key file, credentials, SQLite database).</param>
/// <param name="RootKeyBase64">COFFER_ROOT_KEY, when set: used instead of the key file.</param>
/// <param name="BootstrapAccessKeyId">COFFER_BOOTSTRAP_ACCESS_KEY_ID, honoured only at initialisation.</param>
/// <param name="BootstrapAccessKeySecret">COFFER_BOOTSTRAP_ACCESS_KEY_SECRET, likewise.</param>
public sealed record StartupSettings(
    string DataDirectory, string? RootKeyBase64, string? BootstrapAccessKeyId, string? BootstrapAccessKeySecret)
{
    /// <summary>Path of the root key file.</summary>
    public string RootKeyFile => Path.Combine(DataDirectory, "root.key");

    /// <summary>Path of the credentials file written at initialisation.</summary>
    public string CredentialsFile => Path.Combine(DataDirectory, "credentials.json");

    /// <inheritdoc />
    public override string ToString() => $"StartupSettings {{ DataDirectory = {DataDirectory} }}";
}
