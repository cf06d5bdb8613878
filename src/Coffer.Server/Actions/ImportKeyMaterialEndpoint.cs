using System.Buffers.Text;
using Coffer.Core.Errors;
using Coffer.Core.Operations;
using Coffer.Core.Requests;
using Coffer.Server.Binding;
using Coffer.Server.Dispatch;
using Coffer.Server.Rendering;

namespace Coffer.Server.Actions;

/// <summary>ImportKeyMaterial: RequestId only.</summary>
public sealed class ImportKeyMaterialEndpoint(ImportKeyMaterial handler) : IActionEndpoint
{
    /// <inheritdoc />
    public string Name => "ImportKeyMaterial";

    /// <inheritdoc />
    public async Task<ResponseObject> InvokeAsync(CallContext caller, ParameterReader parameters, CancellationToken cancellationToken)
    {
        var encrypted = parameters.Required("EncryptedKeyMaterial");
        var token = parameters.Required("ImportToken");
        var keyId = parameters.Required("KeyId");
        var request = new ImportKeyMaterialRequest(
            DecodeBase64(encrypted, "EncryptedKeyMaterial"), token, keyId, parameters.OptionalLong("KeyMaterialExpireUnix"));
        await handler.HandleAsync(caller, request, cancellationToken);
        return [];
    }

    private static byte[] DecodeBase64(string text, string name)
    {
        var buffer = new byte[Base64.GetMaxDecodedFromUtf8Length(text.Length)];
        return Convert.TryFromBase64String(text, buffer, out var written) && written > 0 ? buffer[..written] : throw KmsException.Invalid(name);
    }
}
