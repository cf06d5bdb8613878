using System.Buffers.Binary;
using System.Text;
using Coffer.Core.Accounts;
using Coffer.Core.Errors;
using Coffer.Core.Keys;
using Coffer.Crypto.Asymmetric;
using Coffer.Crypto.Wrapping;

namespace Coffer.Core.Import;

/// <summary>
/// The ImportToken: base64 of <c>0x01 ‖ wrapping key ID (16) ‖ expiry in Unix seconds (8, big-endian) ‖ spec (1) ‖
/// algorithm (1) ‖ tag (32)</c>, the tag an HMAC under a root-derived key over the rest and the account and key. Opaque
/// to callers; only this root key can make one, and it names one account, key and wrapping key pair.
/// </summary>
public static class ImportToken
{
    private const byte Format = 1;
    private const int BodyLength = 1 + 16 + 8 + 1 + 1;
    private const int TagLength = 32;
    private const string Purpose = "import-token";

    /// <summary>The token naming <paramref name="wrappingKey"/>.</summary>
    public static string Issue(RootKey root, ImportWrappingKey wrappingKey)
    {
        var token = new byte[BodyLength + TagLength];
        var body = token.AsSpan(0, BodyLength);
        body[0] = Format;
        if (!Guid.Parse(wrappingKey.Id).TryWriteBytes(body.Slice(1, 16), bigEndian: true, out _))
        {
            throw new InvalidOperationException("A GUID is 16 bytes.");
        }

        BinaryPrimitives.WriteInt64BigEndian(body.Slice(17, 8), wrappingKey.ExpireTime.ToUnixTimeSeconds());
        body[25] = SpecCode(wrappingKey.Parameters.Spec);
        body[26] = AlgorithmCode(wrappingKey.Parameters.Algorithm);
        root.Mac(Purpose, Message(wrappingKey.Account, wrappingKey.KeyId, body)).CopyTo(token.AsSpan(BodyLength));
        return Convert.ToBase64String(token);
    }

    /// <summary>
    /// Reads and authenticates a token presented for <paramref name="key"/> of <paramref name="account"/>.
    /// </summary>
    /// <returns>The wrapping key ID, the parameters and the expiry the token names.</returns>
    /// <exception cref="KmsException">
    /// InvalidImportToken when it is not a token, was not made by this root key, or was made for another key or account.
    /// </exception>
    public static (string Id, WrappingParameters Parameters, DateTimeOffset ExpireTime) Read(RootKey root, AccountId account, KeyId key, string token)
    {
        var bytes = new byte[BodyLength + TagLength + 3];
        if (!Convert.TryFromBase64String(token, bytes, out var written) || written != BodyLength + TagLength || bytes[0] != Format)
        {
            throw new KmsException(KmsErrorCode.InvalidImportToken);
        }

        var body = bytes.AsSpan(0, BodyLength);
        // Security: authenticate before trusting any field, so a forged token learns nothing from which check failed.
        if (!root.VerifyMac(Purpose, Message(account, key, body), bytes.AsSpan(BodyLength, TagLength)))
        {
            throw new KmsException(KmsErrorCode.InvalidImportToken);
        }

        var id = new Guid(body.Slice(1, 16), bigEndian: true).ToString("D");
        var expires = DateTimeOffset.FromUnixTimeSeconds(BinaryPrimitives.ReadInt64BigEndian(body.Slice(17, 8)));
        var parameters = new WrappingParameters(
            body[25] switch
            {
                1 => AsymmetricKeySpec.Rsa2048,
                2 => AsymmetricKeySpec.EcSm2,
                _ => throw new KmsException(KmsErrorCode.InvalidImportToken),
            },
            body[26] switch
            {
                1 => AsymmetricEncryptionAlgorithm.RsaesPkcs1V15,
                2 => AsymmetricEncryptionAlgorithm.RsaesOaepSha1,
                3 => AsymmetricEncryptionAlgorithm.RsaesOaepSha256,
                4 => AsymmetricEncryptionAlgorithm.Sm2Pke,
                _ => throw new KmsException(KmsErrorCode.InvalidImportToken),
            });
        return (id, parameters, expires);
    }

    private static byte SpecCode(AsymmetricKeySpec spec) => spec switch
    {
        AsymmetricKeySpec.Rsa2048 => 1,
        AsymmetricKeySpec.EcSm2 => 2,
        _ => throw new ArgumentOutOfRangeException(nameof(spec)),
    };

    private static byte AlgorithmCode(AsymmetricEncryptionAlgorithm algorithm) => algorithm switch
    {
        AsymmetricEncryptionAlgorithm.RsaesPkcs1V15 => 1,
        AsymmetricEncryptionAlgorithm.RsaesOaepSha1 => 2,
        AsymmetricEncryptionAlgorithm.RsaesOaepSha256 => 3,
        AsymmetricEncryptionAlgorithm.Sm2Pke => 4,
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };

    private static byte[] Message(AccountId account, KeyId key, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes($"coffer:import-token:v1|{account.Value}|{key.Value}|");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return message;
    }
}
