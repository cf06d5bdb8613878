using Coffer.Core.Keys;
using Coffer.Core.Operations;
using Coffer.Core.Requests;
using Coffer.Core.Tests.Operations;
using Coffer.Crypto;
using Coffer.Crypto.Asymmetric;
using static Coffer.Core.Tests.Operations.KmsHarness;

namespace Coffer.Core.Tests.Import;

/// <summary>The bring-your-own-key steps as a caller takes them, with real wrapping to the returned public key.</summary>
internal static class ImportFlow
{
    public const string Oaep256 = "RSAES_OAEP_SHA_256";

    public static Task<Key> CreateExternalKeyAsync(this KmsHarness kms, string? spec = null, CallContext? caller = null) =>
        kms.Get<CreateKey>().HandleAsync(caller ?? kms.Caller, new CreateKeyRequest(null, spec, null, "EXTERNAL", null), Ct);

    public static Task<GetParametersForImportResult> ParametersAsync(
        this KmsHarness kms, Key key, string algorithm = Oaep256, string spec = "RSA_2048", CallContext? caller = null) =>
        kms.Get<GetParametersForImport>().HandleAsync(caller ?? kms.Caller, new GetParametersForImportRequest(key.Id.Value, algorithm, spec), Ct);

    /// <summary>Wraps <paramref name="material"/> to the public key as a caller would.</summary>
    public static byte[] Wrap(GetParametersForImportResult parameters, byte[] material, string algorithm = Oaep256) => algorithm switch
    {
        "SM2PKE" => AsymmetricCipher.Encrypt(AsymmetricKeySpec.EcSm2, AsymmetricEncryptionAlgorithm.Sm2Pke, parameters.PublicKey, material),
        "RSAES_OAEP_SHA_1" => AsymmetricCipher.Encrypt(AsymmetricKeySpec.Rsa2048, AsymmetricEncryptionAlgorithm.RsaesOaepSha1, parameters.PublicKey, material),
        "RSAES_PKCS1_V1_5" => AsymmetricCipher.Encrypt(AsymmetricKeySpec.Rsa2048, AsymmetricEncryptionAlgorithm.RsaesPkcs1V15, parameters.PublicKey, material),
        _ => AsymmetricCipher.Encrypt(AsymmetricKeySpec.Rsa2048, AsymmetricEncryptionAlgorithm.RsaesOaepSha256, parameters.PublicKey, material),
    };

    public static Task<Key> ImportAsync(
        this KmsHarness kms, Key key, GetParametersForImportResult parameters, byte[] material, long? expireUnix = null, string algorithm = Oaep256) =>
        kms.Get<ImportKeyMaterial>().HandleAsync(
            kms.Caller, new ImportKeyMaterialRequest(Wrap(parameters, material, algorithm), parameters.ImportToken, key.Id.Value, expireUnix), Ct);

    /// <summary>Fetches parameters and imports in one go.</summary>
    public static async Task<Key> ImportAsync(this KmsHarness kms, Key key, byte[] material, long? expireUnix = null) =>
        await kms.ImportAsync(key, await kms.ParametersAsync(key), material, expireUnix);

    public static byte[] NewMaterial(int length = 32) => CryptoRandom.Bytes(length);

    public static async Task<byte[]> EncryptAsync(this KmsHarness kms, Key key, string plaintext) =>
        (await kms.Get<Encrypt>().HandleAsync(kms.Caller, new EncryptRequest(key.Id.Value, plaintext, EncryptionContext.None, false), Ct)).CiphertextBlob;

    public static async Task<string> DecryptAsync(this KmsHarness kms, byte[] blob)
    {
        var result = await kms.Get<Decrypt>().HandleAsync(
            kms.Caller, new DecryptRequest(Convert.ToBase64String(blob), EncryptionContext.None, false), Ct);
        return result.Plaintext;
    }
}
