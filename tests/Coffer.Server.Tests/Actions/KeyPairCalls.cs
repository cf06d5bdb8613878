using System.Diagnostics;
using System.Text.Json;
using Coffer.Testing;

namespace Coffer.Server.Tests.Actions;

/// <summary>Calls and answers shared by the key-pair and HMAC action tests.</summary>
internal static class KeyPairCalls
{
    public const string UnsupportedOperationMessage = "The request was rejected because the operation is not supported.";

    public static void UnsupportedOperation(CofferResponse response) =>
        Expect.Error(response, "Rejected.UnsupportedOperation", 400, UnsupportedOperationMessage);

    /// <summary>CreateKey with a spec and (optionally) a usage; returns KeyMetadata.</summary>
    public static async Task<JsonElement> CreateSpecAsync(this SigningClient client, string spec, string? usage = null)
    {
        var parameters = Params.Of(("KeySpec", spec));
        if (usage is not null)
        {
            parameters["KeyUsage"] = usage;
        }

        return Expect.Ok(await client.CallAsync("CreateKey", parameters)).GetProperty("KeyMetadata");
    }

    /// <summary>CreateKey of a spec; returns the key ID and its first version ID.</summary>
    public static async Task<(string KeyId, string VersionId)> CreatePairAsync(this SigningClient client, string spec, string? usage = null)
    {
        var metadata = await client.CreateSpecAsync(spec, usage);
        return (metadata.GetProperty("KeyId").GetString()!, metadata.GetProperty("PrimaryKeyVersion").GetString()!);
    }

    /// <summary>GetPublicKey; returns the PEM.</summary>
    public static async Task<string> PublicKeyPemAsync(this SigningClient client, string keyId, string versionId) =>
        Expect.Ok(await client.CallAsync("GetPublicKey", Params.Of(("KeyId", keyId), ("KeyVersionId", versionId))))
            .GetProperty("PublicKey").GetString()!;

    /// <summary>Writes bytes to a fresh file under the factory's data folder; returns its path.</summary>
    public static async Task<string> TempFileAsync(this CofferApplicationFactory factory, string name, byte[] bytes)
    {
        var path = Path.Combine(factory.DataDirectory, $"{Guid.NewGuid():N}-{name}");
        await File.WriteAllBytesAsync(path, bytes, TestContext.Current.CancellationToken);
        return path;
    }

    /// <summary>SHA-256 of <paramref name="message"/>, computed by <c>openssl dgst</c>.</summary>
    public static async Task<byte[]> Sha256Async(this CofferApplicationFactory factory, byte[] message)
    {
        var input = await factory.TempFileAsync("msg", message);
        var output = input + ".sha256";
        var (exit, _, error) = await OpenSslAsync("dgst", "-sha256", "-binary", "-out", output, input);
        Assert.True(exit == 0, error);
        return await File.ReadAllBytesAsync(output, TestContext.Current.CancellationToken);
    }

    /// <summary>32 random bytes (two GUIDs: tests may not use the crypto namespace).</summary>
    public static byte[] RandomDigest() => [.. Guid.NewGuid().ToByteArray(), .. Guid.NewGuid().ToByteArray()];

    /// <summary>Runs the openssl command; returns its exit code, stdout and stderr.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> OpenSslAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("openssl") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await output, await error);
    }
}
