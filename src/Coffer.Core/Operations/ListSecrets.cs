using System.Text.Json;
using Coffer.Core.Errors;
using Coffer.Core.Requests;
using Coffer.Core.Secrets;
using Coffer.Core.Storage;
using Coffer.Core.Tags;

namespace Coffer.Core.Operations;

/// <summary>ListSecrets parameters: the <c>Filters</c> JSON array, FetchTags and paging.</summary>
public sealed record ListSecretsRequest(string? Filters = null, bool FetchTags = false, int? PageNumber = null, int? PageSize = null);

/// <summary>One page of secrets (with tags when asked for) and the total.</summary>
public sealed record ListSecretsResult(IReadOnlyList<SecretDescription> Secrets, int TotalCount, int PageNumber, int PageSize);

/// <summary>
/// ListSecrets: every secret of the account, those in a recovery window included, ordered by creation time then
/// name. Filters <c>[{"Key":"SecretName","Values":["a","b"]}]</c>: OR within Values, AND between filters;
/// SecretName and Description match a substring, the other keys match exactly.
/// </summary>
public sealed class ListSecrets(ISecretStore store, ITagStore tags)
{
    /// <summary>Most filters and most values per filter.</summary>
    public const int MaxFilters = 10;

    private static readonly string[] FilterKeys = ["SecretName", "Description", "TagKey", "TagValue", "SecretType", "DKMSInstanceId", "Creator"];

    /// <summary>Runs the action.</summary>
    /// <exception cref="KmsException">InvalidParameter Filters, PageNumber or PageSize.</exception>
    public async Task<ListSecretsResult> HandleAsync(CallContext caller, ListSecretsRequest request, CancellationToken cancellationToken)
    {
        var (number, size) = Paging.Validate(request.PageNumber, request.PageSize, 10);
        var filters = ParseFilters(request.Filters);
        var needTags = request.FetchTags || filters.Any(f => f.Key is "TagKey" or "TagValue");
        var matches = new List<SecretDescription>();
        foreach (var secret in await store.ListAsync(caller.Account, cancellationToken))
        {
            var secretTags = needTags ? await tags.ListAsync(caller.Account, SecretRules.ResourceType, secret.Name, cancellationToken) : [];
            if (filters.All(f => f.Values.Any(v => Matches(f.Key, v, secret, secretTags))))
            {
                matches.Add(new SecretDescription(secret, request.FetchTags ? secretTags : null));
            }
        }

        var page = matches.Skip((int)Math.Min(int.MaxValue, (long)(number - 1) * size)).Take(size).ToList();
        return new ListSecretsResult(page, matches.Count, number, size);
    }

    private static bool Matches(string key, string value, Secret secret, IReadOnlyList<Tag> secretTags) => key switch
    {
        "SecretName" => secret.Name.Contains(value, StringComparison.Ordinal),
        "Description" => secret.Description.Contains(value, StringComparison.Ordinal),
        "TagKey" => secretTags.Any(t => t.Key == value),
        "TagValue" => secretTags.Any(t => t.Value == value),
        "SecretType" => secret.SecretType == value,
        "DKMSInstanceId" => false,
        _ => false,
    };

    private static List<(string Key, List<string> Values)> ParseFilters(string? json)
    {
        var filters = new List<(string, List<string>)>();
        if (json is null)
        {
            return filters;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Array || root.GetArrayLength() > MaxFilters)
            {
                throw KmsException.Invalid("Filters");
            }

            foreach (var item in root.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object
                    || !item.TryGetProperty("Key", out var key) || key.ValueKind != JsonValueKind.String
                    || !FilterKeys.Contains(key.GetString())
                    || !item.TryGetProperty("Values", out var values) || values.ValueKind != JsonValueKind.Array
                    || values.GetArrayLength() is 0 or > MaxFilters
                    || values.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
                {
                    throw KmsException.Invalid("Filters");
                }

                filters.Add((key.GetString()!, values.EnumerateArray().Select(v => v.GetString()!).ToList()));
            }
        }
        catch (JsonException)
        {
            throw KmsException.Invalid("Filters");
        }

        return filters;
    }
}
