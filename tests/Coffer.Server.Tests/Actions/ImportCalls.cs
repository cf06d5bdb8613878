using System.Diagnostics;
using System.Text.Json;
using Coffer.Crypto.Asymmetric;
using Coffer.Testing;

namespace Coffer.Server.Tests.Actions;

/// <summary>Calls and answers of the bring-your-own-key tests, and wrapping with the real <c>openssl</c> command.</summary>
internal static class ImportCalls
{
    public const string Oaep256 = "RSAES_OAEP_SHA_256";

    public static void UnsupportedOrigin(CofferResponse response) =>
        Expect.Error(response, "Unsupported.Origin", 400, "This key origin is not valid for this api.");

    public static void InvalidKeyMaterial(CofferResponse response) => Expect.Error(response, "InvalidKeyMaterial", 400, "key material is invalid.");

    public static void InvalidImportToken(CofferResponse response) => Expect.Error(response, "InvalidImportToken", 400, "import token is invalid.");

    public static void PendingImport(CofferResponse response) =>
        Expect.Error(response, "Rejected.PendingImport", 409, "The request was rejected because the key state is PendingImport.");

    /// <summary>CreateKey Origin=EXTERNAL; returns KeyMetadata.</summary>
    public static async Task<JsonElement> CreateExternalKeyAsync(this SigningClient client, string? spec = null)
    {
        var parameters = Params.Of(("Origin", "EXTERNAL"));
        if (spec is not null)
        {
            parameters["KeySpec"] = spec;
        }

        return Expect.Ok(await client.CallAsync("CreateKey", parameters)).GetProperty("KeyMetadata");
    }

    /// <summary>GetParametersForImport; returns the body.</summary>
    public static async Task<JsonElement> ParametersAsync(this SigningClient client, string keyId, string algorithm = Oaep256, string spec = "RSA_2048") =>
        Expect.Ok(await client.CallAsync(
            "GetParametersForImport", Params.Of(("KeyId", keyId), ("WrappingAlgorithm", algorithm), ("WrappingKeySpec", spec))));

    /// <summary>Wraps in process (Coffer.Crypto), for the error paths.</summary>
    public static string Wrap(JsonElement parameters, byte[] material, string algorithm = Oaep256)
    {
        var publicKey = Convert.FromBase64String(parameters.GetProperty("PublicKey").GetString()!);
        var (spec, alg) = algorithm switch
        {
            "SM2PKE" => (AsymmetricKeySpec.EcSm2, AsymmetricEncryptionAlgorithm.Sm2Pke),
            "RSAES_OAEP_SHA_1" => (AsymmetricKeySpec.Rsa2048, AsymmetricEncryptionAlgorithm.RsaesOaepSha1),
            "RSAES_PKCS1_V1_5" => (AsymmetricKeySpec.Rsa2048, AsymmetricEncryptionAlgorithm.RsaesPkcs1V15),
            _ => (AsymmetricKeySpec.Rsa2048, AsymmetricEncryptionAlgorithm.RsaesOaepSha256),
        };
        return Convert.ToBase64String(AsymmetricCipher.Encrypt(spec, alg, publicKey, material));
    }

    /// <summary>ImportKeyMaterial with the given wrapped material and token.</summary>
    public static Task<CofferResponse> ImportAsync(this SigningClient client, string keyId, string wrapped, string token, string? expireUnix = null)
    {
        var parameters = Params.Of(("KeyId", keyId), ("EncryptedKeyMaterial", wrapped), ("ImportToken", token));
        if (expireUnix is not null)
        {
            parameters["KeyMaterialExpireUnix"] = expireUnix;
        }

        return client.CallAsync("ImportKeyMaterial", parameters);
    }

    /// <summary>Fresh parameters, in-process wrapping, import; asserts success.</summary>
    public static async Task ImportOkAsync(this SigningClient client, string keyId, byte[] material, string? expireUnix = null)
    {
        var parameters = await client.ParametersAsync(keyId);
        KeyLifecycleCalls.RequestIdOnly(
            await client.ImportAsync(keyId, Wrap(parameters, material), parameters.GetProperty("ImportToken").GetString()!, expireUnix));
    }

    public static string Token(JsonElement parameters) => parameters.GetProperty("ImportToken").GetString()!;

    public static string? OpenSslPath() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "openssl"))
            .FirstOrDefault(File.Exists);

    /// <summary>
    /// Wraps <paramref name="material"/> with <c>openssl pkeyutl -encrypt</c> to the DER public key Coffer returned, as
    /// Alibaba's BYOK guide has callers do.
    /// </summary>
    public static string WrapWithOpenSsl(string openssl, string folder, JsonElement parameters, byte[] material, string algorithm)
    {
        var publicKey = Path.Combine(folder, "wrapping.der");
        File.WriteAllBytes(publicKey, Convert.FromBase64String(parameters.GetProperty("PublicKey").GetString()!));
        var input = Path.Combine(folder, "material.bin");
        File.WriteAllBytes(input, material);
        var output = Path.Combine(folder, "wrapped.bin");
        string[] options = algorithm switch
        {
            "RSAES_OAEP_SHA_256" => ["-pkeyopt", "rsa_padding_mode:oaep", "-pkeyopt", "rsa_oaep_md:sha256", "-pkeyopt", "rsa_mgf1_md:sha256"],
            "RSAES_OAEP_SHA_1" => ["-pkeyopt", "rsa_padding_mode:oaep", "-pkeyopt", "rsa_oaep_md:sha1"],
            "RSAES_PKCS1_V1_5" => ["-pkeyopt", "rsa_padding_mode:pkcs1"],
            _ => [],
        };
        var start = new ProcessStartInfo(openssl) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])["pkeyutl", "-encrypt", "-pubin", "-keyform", "DER", "-inkey", publicKey, "-in", input, "-out", output, .. options])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, stdout.Result + stderr);
        return Convert.ToBase64String(File.ReadAllBytes(output));
    }
}
