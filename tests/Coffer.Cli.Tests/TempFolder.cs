using System.Security.Cryptography;

namespace Coffer.Cli.Tests;

/// <summary>A throwaway folder under the system temp folder, deleted on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    /// <summary>The folder (it exists).</summary>
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "coffer-cli-test-" + Guid.NewGuid().ToString("N"));

    /// <summary>Creates the folder.</summary>
    public TempFolder() => Directory.CreateDirectory(Path);

    /// <summary>A path inside the folder.</summary>
    public string Combine(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>A fresh root key as COFFER_ROOT_KEY wants it: base64 of 32 random bytes.</summary>
    public static string NewRootKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>SHA-256 of a file, or "absent".</summary>
    public static string Hash(string file) => File.Exists(file) ? Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file))) : "absent";

    /// <summary>The file's Unix mode.</summary>
    public static UnixFileMode Mode(string file) =>
        OperatingSystem.IsWindows() ? throw new PlatformNotSupportedException("Unix file modes") : File.GetUnixFileMode(file);

    /// <summary>Writes a file with mode 0600, as Coffer wants its root key file.</summary>
    public static void WriteOwnerOnly(string file, string text)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(file, options);
        using var writer = new StreamWriter(stream);
        writer.Write(text);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
