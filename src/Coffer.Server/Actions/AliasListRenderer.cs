using Coffer.Core;
using Coffer.Core.Keys;
using Coffer.Core.Operations;
using Coffer.Server.Rendering;

namespace Coffer.Server.Actions;

/// <summary>The body of ListAliases and ListAliasesByKeyId: <c>Aliases.Alias[]{AliasArn, AliasName, KeyId}</c> and paging.</summary>
internal static class AliasListRenderer
{
    public static ResponseObject Render(ListAliasesResult result, KmsOptions options)
    {
        var aliases = result.Aliases
            .Select(a => (object)new ResponseObject
            {
                { "AliasArn", KeyArns.ForAlias(options.Region, a.Account, a.Name) },
                { "AliasName", a.Name.Value },
                { "KeyId", a.KeyId.Value },
            })
            .ToList();
        return new ResponseObject
        {
            { "Aliases", new ResponseList("Alias", aliases) },
            { "TotalCount", result.TotalCount },
            { "PageNumber", result.PageNumber },
            { "PageSize", result.PageSize },
        };
    }
}
