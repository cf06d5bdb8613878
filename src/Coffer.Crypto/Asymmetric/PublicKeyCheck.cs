using System.Security.Cryptography;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Security;

namespace Coffer.Crypto.Asymmetric;

/// <summary>
/// Checks a caller-supplied DER SubjectPublicKeyInfo (ExportDataKey's PublicKeyBlob) against the key spec it is
/// claimed to be, before anything is encrypted to it.
/// </summary>
public static class PublicKeyCheck
{
    /// <summary>
    /// True when <paramref name="subjectPublicKeyInfo"/> is exactly one DER SubjectPublicKeyInfo of a
    /// <paramref name="spec"/> key: RSA with a modulus of that size, or an EC point on that curve.
    /// </summary>
    public static bool Fits(AsymmetricKeySpec spec, ReadOnlySpan<byte> subjectPublicKeyInfo)
    {
        if (!IsDer(subjectPublicKeyInfo))
        {
            return false;
        }

        try
        {
            switch (spec)
            {
                case AsymmetricKeySpec.Rsa2048:
                case AsymmetricKeySpec.Rsa3072:
                    using (var rsa = RSA.Create())
                    {
                        rsa.ImportSubjectPublicKeyInfo(subjectPublicKeyInfo, out var read);
                        return read == subjectPublicKeyInfo.Length && rsa.KeySize == (spec == AsymmetricKeySpec.Rsa2048 ? 2048 : 3072);
                    }

                case AsymmetricKeySpec.EcSm2:
                    // Validates the point too: BouncyCastle refuses a point off the curve or at infinity.
                    _ = AsymmetricKeys.BouncyPublic(subjectPublicKeyInfo, GMObjectIdentifiers.sm2p256v1);
                    return true;

                default:
                    return false;
            }
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException or IOException or InvalidCastException
            or InvalidOperationException or Asn1Exception or SecurityUtilityException)
        {
            return false;
        }
    }

    // Security: one accepted encoding per key (DER, nothing after it), whatever each parser would tolerate.
    private static bool IsDer(ReadOnlySpan<byte> bytes)
    {
        try
        {
            var array = bytes.ToArray();
            return Asn1Object.FromByteArray(array) is { } value
                && SubjectPublicKeyInfo.GetInstance(value).GetDerEncoded().AsSpan().SequenceEqual(array);
        }
        catch (Exception ex) when (ex is ArgumentException or IOException or InvalidCastException or InvalidOperationException
            or Asn1Exception or IndexOutOfRangeException)
        {
            return false;
        }
    }
}
