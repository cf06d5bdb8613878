using System.Globalization;
using System.Text;
using Coffer.Core.Errors;
using Coffer.Core.Keys;
using Coffer.Core.Requests;
using Coffer.Core.Tags;

namespace Coffer.Core.Operations;

/// <summary>
/// ListTagResources parameters: <c>ResourceId.N</c> (key IDs or ARNs; none means every key), <c>ResourceType</c>,
/// <c>Tag.N</c> as a filter (a row matches a filter tag with its key and, when the filter gives one, its value), and
/// the <c>NextToken</c> of the previous page (null for the first).
/// </summary>
public sealed record ListTagResourcesRequest(
    IReadOnlyList<string> ResourceIds, string ResourceType, IReadOnlyList<Tag> Filter, string? NextToken);

/// <summary>One page of (key, tag) rows; <see cref="NextToken"/> is empty on the last page.</summary>
public sealed record ListTagResourcesResult(IReadOnlyList<(string ResourceId, Tag Tag)> Rows, string NextToken);

/// <summary>ListTagResources: one row per (key, tag), ordered by key ID then tag key, 200 rows a page; any key state.</summary>
public sealed class ListTagResources(KeyTags keyTags)
{
    /// <summary>Rows per page.</summary>
    public const int PageRows = 200;

    private const int Batch = 500;

    /// <summary>Runs the action.</summary>
    /// <exception cref="KmsException">
    /// InvalidParameter ResourceId, ResourceType, Tag or NextToken; Unsupported.Alias; Forbidden.KeyNotFound.
    /// </exception>
    public async Task<ListTagResourcesResult> HandleAsync(CallContext caller, ListTagResourcesRequest request, CancellationToken cancellationToken)
    {
        KeyTags.CheckResources(request.ResourceIds, request.ResourceType);
        if (request.Filter.Count > KeyTags.MaxTagsPerCall || request.Filter.Any(t => t.Key.Length == 0))
        {
            throw KmsException.Invalid("Tag");
        }

        var offset = ReadToken(request.NextToken);
        IReadOnlyList<string>? ids = null;
        if (request.ResourceIds.Count > 0)
        {
            ids = await keyTags.ResolveResourcesAsync(caller, request.ResourceType, request.ResourceIds, KeyAction.Read, cancellationToken);
        }

        // The token is the store offset of the page's first row, so a filtered listing pages without state.
        var rows = new List<(string, Tag)>();
        while (true)
        {
            var batch = await keyTags.ListResourceRowsAsync(caller, request.ResourceType, ids, offset, Batch, cancellationToken);
            for (var i = 0; i < batch.Count; i++)
            {
                var (resourceId, tag) = batch[i];
                if (!Matches(request.Filter, tag))
                {
                    continue;
                }

                if (rows.Count == PageRows)
                {
                    return new ListTagResourcesResult(rows, WriteToken(offset + i));
                }

                rows.Add((resourceId, tag));
            }

            if (batch.Count < Batch)
            {
                return new ListTagResourcesResult(rows, "");
            }

            offset += Batch;
        }
    }

    private static bool Matches(IReadOnlyList<Tag> filter, Tag tag) =>
        filter.Count == 0 || filter.Any(f => f.Key == tag.Key && (f.Value.Length == 0 || f.Value == tag.Value));

    private static string WriteToken(int offset) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes(offset.ToString(CultureInfo.InvariantCulture)));

    private static int ReadToken(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return 0;
        }

        var bytes = new byte[token.Length];
        return Convert.TryFromBase64String(token, bytes, out var written)
            && written > 0
            && bytes.AsSpan(0, written).IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0
            && int.TryParse(Encoding.ASCII.GetString(bytes, 0, written), NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
            ? offset
            : throw KmsException.Invalid("NextToken");
    }
}
