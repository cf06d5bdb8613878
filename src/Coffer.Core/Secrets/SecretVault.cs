using Coffer.Crypto.Secrets;
using System.Text;
using System.Text.Json;
using Coffer.Core.Accounts;
using Coffer.Core.Errors;
using Coffer.Core.Keys;
using Coffer.Core.Requests;
using Coffer.Core.Storage;
using Coffer.Crypto;
using Coffer.Crypto.Aead;
using Coffer.Crypto.Wrapping;

namespace Coffer.Core.Secrets;

/// <summary>
/// The shared core of the secret calls: finds secrets by name or ARN, seals and opens values (a fresh AES-256-GCM
/// data key per version, sealed under the EncryptionKeyId key through <see cref="SymmetricEnvelope"/>, or under the
/// internal service key), and applies changes by compare-and-swap.
/// </summary>
public sealed class SecretVault(ISecretStore store, KeyResolver resolver, SymmetricEnvelope envelope, RootKey root, KmsOptions options)
{
    private const int DataKeyLength = 32;
    private const int Attempts = 5;

    // A secret value's data key is generated and opened under its EncryptionKeyId, so the caller needs those
    // permissions on that key as well (Alibaba: the caller needs GenerateDataKey on it).
    private const string SealAction = "kms:GenerateDataKey";
    private const string OpenAction = "kms:Decrypt";

    /// <summary>The store.</summary>
    public ISecretStore Store => store;

    /// <summary>The secret's ARN.</summary>
    public string Arn(Secret secret) => $"acs:kms:{options.Region}:{secret.Account.Value}:secret/{secret.Name}";

    /// <summary>The secret named by name or secret ARN, authorized for the request's action (step 14).</summary>
    /// <exception cref="KmsException">Forbidden.ResourceNotFound; Forbidden.NoPermission.</exception>
    public async Task<Secret> FindAsync(CallContext caller, string reference, CancellationToken cancellationToken)
    {
        var name = reference;
        if (reference.StartsWith("acs:", StringComparison.Ordinal))
        {
            if (!KeyArns.TryParse(reference, options.Region, caller.Account, out var type, out name) || type != SecretRules.ResourceType)
            {
                throw new KmsException(KmsErrorCode.ResourceNotFound);
            }
        }

        var secret = await store.FindAsync(caller.Account, name, cancellationToken) ?? throw new KmsException(KmsErrorCode.ResourceNotFound);
        Authorize(caller, secret);
        return secret;
    }

    /// <summary>Step 14's resource-level decision on a resolved secret: its ARN, evaluated with its policy.</summary>
    /// <exception cref="KmsException">Forbidden.NoPermission.</exception>
    public void Authorize(CallContext caller, Secret secret) =>
        caller.Access?.Authorize(Arn(secret), secret.Account, secret.Policy);

    /// <summary>Refuses a secret inside its recovery window.</summary>
    /// <exception cref="KmsException">Rejected.ResourceInDeleteWindow.</exception>
    public static void EnsureNotInDeleteWindow(Secret secret)
    {
        if (secret.PlannedDeleteTime is not null)
        {
            throw new KmsException(KmsErrorCode.ResourceInDeleteWindow);
        }
    }

    /// <summary>Resolves an EncryptionKeyId (any key form) and checks it may encrypt.</summary>
    /// <exception cref="KmsException">Forbidden.KeyNotFound / Forbidden.AliasNotFound; the key state's 409.</exception>
    public async Task<Key> ResolveKeyAsync(CallContext caller, string keyId, CancellationToken cancellationToken)
    {
        var key = await resolver.ResolveAsync(caller, keyId, SealAction, cancellationToken);
        SymmetricEnvelope.EnsureCanEncrypt(key);
        return key;
    }

    /// <summary>Encrypts a new version's value; the key's state gates it.</summary>
    public async Task<SecretVersion> SealAsync(
        CallContext caller, Secret secret, string versionId, string data, string dataType, IReadOnlyList<string> stages,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        using var dataKey = CryptoRandom.NewSecret(DataKeyLength);
        byte[] sealedKey;
        if (secret.EncryptionKeyId is { } keyId)
        {
            var key = await resolver.ResolveAsync(caller, keyId.Value, SealAction, cancellationToken);
            SymmetricEnvelope.EnsureCanEncrypt(key);
            (sealedKey, _) = await envelope.SealAsync(key, dataKey.Span.ToArray(), Context(secret, versionId), cancellationToken);
        }
        else
        {
            sealedKey = root.Wrap(dataKey.Span, ServiceLabel(secret.Account, secret.Name, versionId));
        }

        var plaintext = Encoding.UTF8.GetBytes(data);
        var output = new byte[GcmCipher.NonceLength + plaintext.Length + GcmCipher.TagLength];
        CryptoRandom.Fill(output.AsSpan(0, GcmCipher.NonceLength));
        GcmCipher.Encrypt(
            AeadAlgorithm.AesGcm, dataKey.Span, output.AsSpan(0, GcmCipher.NonceLength), plaintext,
            DataAad(secret.Account, secret.Name, versionId, dataType),
            output.AsSpan(GcmCipher.NonceLength, plaintext.Length), output.AsSpan(GcmCipher.NonceLength + plaintext.Length));
        SecretBytes.Wipe(plaintext);
        return new SecretVersion(versionId, now, dataType, stages, sealedKey, output);
    }

    /// <summary>Decrypts a version's value; the encryption key's state gates it.</summary>
    /// <exception cref="KmsException">The key's 404 or 409; InternalFailure when stored bytes do not authenticate.</exception>
    public async Task<string> OpenAsync(CallContext caller, Secret secret, SecretVersion version, CancellationToken cancellationToken)
    {
        byte[] dataKey;
        if (secret.EncryptionKeyId is not null)
        {
            var (blob, keyVersion) = SymmetricEnvelope.ParseBlob(Convert.ToBase64String(version.SealedKey));
            (_, _, dataKey) = await envelope.OpenAsync(
                caller, blob, keyVersion, Context(secret, version.VersionId), false, cancellationToken, OpenAction);
        }
        else
        {
            dataKey = root.TryUnwrap(version.SealedKey, ServiceLabel(secret.Account, secret.Name, version.VersionId))
                ?? throw new KmsException(KmsErrorCode.InternalFailure, "secret data key does not unwrap");
        }

        try
        {
            var body = version.Ciphertext;
            var length = body.Length - GcmCipher.NonceLength - GcmCipher.TagLength;
            var plaintext = new byte[length];
            if (length < 0 || !GcmCipher.TryDecrypt(
                AeadAlgorithm.AesGcm, dataKey, body.AsSpan(0, GcmCipher.NonceLength), body.AsSpan(GcmCipher.NonceLength, length),
                body.AsSpan(GcmCipher.NonceLength + length), DataAad(secret.Account, secret.Name, version.VersionId, version.DataType), plaintext))
            {
                throw new KmsException(KmsErrorCode.InternalFailure, "secret value does not authenticate");
            }

            var text = Encoding.UTF8.GetString(plaintext);
            SecretBytes.Wipe(plaintext);
            return text;
        }
        finally
        {
            SecretBytes.Wipe(dataKey);
        }
    }

    /// <summary>
    /// Reads the secret and its versions, lets <paramref name="change"/> compute the new state, and saves it by
    /// compare-and-swap, retrying a bounded number of times.
    /// </summary>
    /// <exception cref="KmsException">Whatever <paramref name="change"/> throws; ServiceUnavailableTemporary when every attempt loses.</exception>
    public async Task<T> UpdateAsync<T>(
        CallContext caller, string reference,
        Func<Secret, IReadOnlyList<SecretVersion>, Task<(Secret Secret, IReadOnlyList<SecretVersion> Upserts, IReadOnlyList<string> Removed, T Result)>> change,
        CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var secret = await FindAsync(caller, reference, cancellationToken);
            var versions = await store.ListVersionsAsync(secret.Account, secret.Name, cancellationToken);
            var (updated, upserts, removed, result) = await change(secret, versions);
            if (await store.TrySaveAsync(updated, secret.Revision, upserts, removed, cancellationToken))
            {
                return result;
            }
        }

        throw new KmsException(KmsErrorCode.ServiceUnavailableTemporary, "secret compare-and-swap kept losing");
    }

    /// <summary>The version a GetSecretValue selects: by VersionId, else by stage (ACSCurrent by default).</summary>
    /// <exception cref="KmsException">Forbidden.ResourceNotFound.</exception>
    public static SecretVersion Select(IReadOnlyList<SecretVersion> versions, string? versionId, string? stage)
    {
        var found = versionId is not null
            ? versions.FirstOrDefault(v => v.VersionId == versionId)
            : versions.FirstOrDefault(v => v.Stages.Contains(stage ?? SecretRules.Current));
        return found ?? throw new KmsException(KmsErrorCode.ResourceNotFound);
    }

    private static EncryptionContext Context(Secret secret, string versionId) => EncryptionContext.Parse(
        JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["coffer:secret"] = secret.Name,
            ["coffer:version"] = versionId,
        }),
        [],
        "EncryptionContext");

    // Security: the AAD names account, secret and version, so sealed rows cannot be swapped between secrets.
    private static string ServiceLabel(AccountId account, string name, string versionId) =>
        $"coffer:secret-key:v1|{account.Value}|{name}|{versionId}";

    private static byte[] DataAad(AccountId account, string name, string versionId, string dataType) =>
        Encoding.UTF8.GetBytes($"coffer:secret-data:v1|{account.Value}|{name}|{versionId}|{dataType}");
}
