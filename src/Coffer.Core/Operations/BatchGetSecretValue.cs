using System.Text.Json;
using Coffer.Core.Errors;
using Coffer.Core.Requests;

namespace Coffer.Core.Operations;

/// <summary>BatchGetSecretValue result: the values found and, per failed secret, its error.</summary>
public sealed record BatchGetSecretValueResult(IReadOnlyList<SecretValueResult> Values, IReadOnlyList<(string SecretName, KmsException Error)> Errors);

/// <summary>BatchGetSecretValue: up to 20 GetSecretValue calls; each failure is reported beside the successes.</summary>
public sealed class BatchGetSecretValue(GetSecretValue getSecretValue)
{
    /// <summary>Most secrets per call.</summary>
    public const int MaxSecrets = 20;

    /// <summary>Runs the action on the <c>SecretsList</c> JSON array.</summary>
    /// <exception cref="KmsException">InvalidParameter SecretsList.</exception>
    public async Task<BatchGetSecretValueResult> HandleAsync(CallContext caller, string? secretsList, CancellationToken cancellationToken)
    {
        var requests = Parse(secretsList);
        // Security: each secret is read as kms:GetSecretValue, so a secret policy denying that is not bypassed here.
        var reader = caller with { Access = caller.Access?.WithAction("kms:GetSecretValue") };
        var values = new List<SecretValueResult>();
        var errors = new List<(string, KmsException)>();
        foreach (var request in requests)
        {
            try
            {
                values.Add(await getSecretValue.HandleAsync(reader, request, cancellationToken));
            }
            catch (KmsException e) when (e.Code is not (KmsErrorCode.ServiceUnavailableTemporary or KmsErrorCode.InternalFailure))
            {
                errors.Add((request.SecretName, e));
            }
        }

        return new BatchGetSecretValueResult(values, errors);
    }

    private static List<GetSecretValueRequest> Parse(string? json)
    {
        var list = new List<GetSecretValueRequest>();
        if (json is null)
        {
            return list;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Array || document.RootElement.GetArrayLength() > MaxSecrets)
            {
                throw KmsException.Invalid("SecretsList");
            }

            foreach (var item in document.RootElement.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object
                    || !item.TryGetProperty("SecretName", out var name) || name.ValueKind != JsonValueKind.String || name.GetString() is not { Length: > 0 } secretName)
                {
                    throw KmsException.Invalid("SecretsList");
                }

                list.Add(new GetSecretValueRequest(secretName, Text(item, "VersionId"), Text(item, "VersionStage")));
            }
        }
        catch (JsonException)
        {
            throw KmsException.Invalid("SecretsList");
        }

        return list;
    }

    private static string? Text(JsonElement item, string name) =>
        !item.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.String ? (value.GetString() is { Length: > 0 } s ? s : null)
        : throw KmsException.Invalid("SecretsList");
}
