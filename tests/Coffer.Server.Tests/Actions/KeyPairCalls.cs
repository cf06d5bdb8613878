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
