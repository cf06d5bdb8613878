using System.Buffers.Text;
using Coffer.Core.Errors;

namespace Coffer.Core.Requests;

/// <summary>Decodes parameters that carry binary data as base64 (Digest, Value, Message, Mac, CiphertextBlob, Plaintext).</summary>
public static class Base64Parameter
{
    /// <summary>The decoded bytes of <paramref name="value"/>; at least one byte.</summary>
    /// <exception cref="KmsException">InvalidParameter naming <paramref name="name"/> when it is not base64 or decodes to nothing.</exception>
    public static byte[] Decode(string value, string name)
    {
        var buffer = new byte[Base64.GetMaxDecodedFromUtf8Length(value.Length)];
        return Convert.TryFromBase64String(value, buffer, out var written) && written > 0
            ? buffer[..written]
            : throw KmsException.Invalid(name);
    }
}
