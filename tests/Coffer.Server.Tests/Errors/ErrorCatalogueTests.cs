using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Coffer.Core.Errors;
using Coffer.Server.Errors;
using Coffer.Server.Rendering;

namespace Coffer.Server.Tests.Errors;

public sealed class ErrorCatalogueTests
{
    /// <summary>
    /// The seed's "Public error codes" table (shared/seed/response-structure-and-error-codes.md), rows copied verbatim
    /// except for the two Codes the seed misspells, which DECISIONS.md corrects: SerivceUnavailableTemporary and
    /// Rejetced.PendingDeletion.
    /// </summary>
    internal const string SeedTable = """
        |InternalFailure|Internal Failure.|500|
        |ServiceUnavailableTemporary|Service Unavailable Temporary.|503|
        |InvalidAccessKeyId.NotFound|The AccessKey ID provided does not exist in our records.|404|
        |Forbidden.KeyNotFound|The specified Key is not found.|404|
        |Forbidden.AliasNotFound|The specified Alias is not found.|404|
        |Forbidden.NoPermission|This operation is forbidden by permission system.|403|
        |Forbidden.AccessKey|This AccessKey is not enabled.|403|
        |UnsupportedHTTPMethod|This http method is not supported.|403|
        |Forbidden.UbsmsInvalidUserid|Userid Invalid For Ubsms.|403|
        |Forbidden.UbsmsInvalidBid|Your account partner does not have KMS Service.|403|
        |Forbidden.KmsServiceNotEnabled|Kms service is not Enabled for current user. Please get access permission first.|403|
        |Forbidden.ProhibitedByRiskControl|Current user is Prohibited By Risk Control.|403|
        |Forbidden.InDebtOverdue|Current user is indebted Overdue.|403|
        |Forbidden.InDebt|Current user is indebted.|403|
        |ParseRequestParameterException|Server parse parameters exception. Please check your input params.|400|
        |MissingParameter|The parameter "< parameter name \>" is needed but not provided.|400|
        |InvalidParameter|The specified parameter "< parameter name \>" is not valid.|400|
        |IncompleteSignature|The request signature does not conform to Alibaba Cloud standards.|400|
        |IllegalTimestamp|The input parameter "Timestamp" that is required for processing this request is not supplied.|400|
        |Rejected.LimitExceeded|The request was rejected because user create resource limit was exceeded.|400|
        |AliasAlreadyExists|AliasName Already Exists.|400|
        |InvalidKeyMaterial|key material is invalid.|400|
        |InvalidImportToken|import token is invalid.|400|
        |ExpiredImportToken|import token is expired.|400|
        |Unsupported.Origin|This key origin is not valid for this api.|400|
        |Unsupported.Alias|Alias is not valid for this api.|400|
        |Rejected.StateModifiedFailed|Keystate modified failed.|409|
        |Rejected.Disabled|The request was rejected because the key state is Disabled.|409|
        |Rejected.PendingDeletion|The request was rejected because the key state is PendingDeletion.|409|
        |Rejected.PendingImport|The request was rejected because the key state is PendingImport.|409|
        """;

    /// <summary>DECISIONS.md's table of codes outside the seed, rows copied verbatim.</summary>
    internal const string DecisionsTable = """
        | InvalidAction.NotFound | 404 | Specified api is not found, please check your url and method. |
        | SignatureNonceUsed | 400 | Specified signature nonce was used already. |
        | Forbidden.KeyVersionNotFound | 404 | The specified KeyVersion is not found. |
        | Forbidden.ResourceNotFound | 404 | The specified resource is not found. |
        | Rejected.UnsupportedOperation | 400 | The request was rejected because the operation is not supported. |
        | Rejected.ResourceExist | 409 | The request was rejected because the resource already exists. |
        | Rejected.ResourceInDeleteWindow | 409 | The request was rejected because the resource is pending deletion. |
        | Rejected.Throttling | 429 | QPS Limit Exceeded |
        | Unsupported.ProtectionLevel | 400 | This protection level is not supported. |
        | DryRunOperationError | 400 | The request would have succeeded, but the DryRun flag is set. |
        """;

    /// <summary>The seed's misspelt Codes and the spelling Coffer sends (DECISIONS.md, Errors).</summary>
    internal static readonly IReadOnlyList<(string Seed, string Sent)> SeedMisspellings =
    [
        ("SerivceUnavailableTemporary", "ServiceUnavailableTemporary"),
        ("Rejetced.PendingDeletion", "Rejected.PendingDeletion"),
    ];

    /// <summary>
    /// What DECISIONS.md says Coffer never sends, with what it sends instead ("" when nothing replaces it). A name
    /// ending in <c>*</c> or holding <c>{Name}</c> is a pattern.
    /// </summary>
    internal static readonly IReadOnlyList<(string Code, string Instead)> NeverSent =
    [
        ("InvalidTimeStamp.Expired", "IllegalTimestamp"),
        ("InvalidTimeStamp.Format", "IllegalTimestamp"),
        ("SignatureDoesNotMatch", "IncompleteSignature"),
        ("InvalidSignatureMethod", "IncompleteSignature"),
        ("InvalidAccessKeyId.Inactive", "Forbidden.AccessKey"),
        ("InternalError", "InternalFailure"),
        ("ServiceUnavailable", "ServiceUnavailableTemporary"),
        ("Throttling*", "Rejected.Throttling"),
        ("Forbidden.RAM", "Forbidden.NoPermission"),
        ("Missing{Name}", "MissingParameter"),
        ("Invalid{Name}", "InvalidParameter"),
        ("InvalidApi.NotFound", "InvalidAction.NotFound"),
        ("Rejected.Enabled", ""),
        ("ValidationError", ""),
        ("AccessDeniedError", ""),
    ];

    /// <summary>Body fields some notes mention that no Coffer body carries.</summary>
    internal static readonly IReadOnlyList<string> NeverSentFields = ["Recommend", "AccessDeniedDetail"];

    private const string ParameterPlaceholder = "< parameter name \\>";

    /// <summary>The seed table's rows as (Code, Message, HTTP status).</summary>
    internal static IReadOnlyList<(string Code, string Message, int Status)> Seed { get; } =
        Parse(SeedTable, codeColumn: 0, messageColumn: 1, statusColumn: 2);

    /// <summary>DECISIONS.md's extra rows as (Code, Message, HTTP status).</summary>
    internal static IReadOnlyList<(string Code, string Message, int Status)> Decisions { get; } =
        Parse(DecisionsTable, codeColumn: 0, messageColumn: 2, statusColumn: 1);

    public static TheoryData<string, string, int> SeedRows => new(Seed);

    public static TheoryData<string, string, int> DecisionsRows => new(Decisions);

    public static TheoryData<KmsErrorCode> AllCodes => new(Enum.GetValues<KmsErrorCode>());

    [Theory]
    [MemberData(nameof(AllCodes))]
    public void Entry_EveryKmsErrorCode_HasWellFormedEntry(KmsErrorCode code)
    {
        var entry = ErrorCatalogue.Entry(code);

        Assert.False(string.IsNullOrWhiteSpace(entry.Code));
        Assert.InRange(entry.HttpStatus, 400, 599);
        Assert.False(string.IsNullOrWhiteSpace(entry.Message));
        Assert.Equal(entry.Message.Trim(), entry.Message);
    }

    [Fact]
    public void Catalogue_Codes_AreUnique()
    {
        var codes = Enum.GetValues<KmsErrorCode>().Select(c => ErrorCatalogue.Entry(c).Code).ToList();

        var duplicates = codes.GroupBy(c => c, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key);

        Assert.Empty(duplicates);
    }

    [Theory]
    [MemberData(nameof(SeedRows))]
    public void Entry_SeedRow_MatchesCodeMessageAndStatus(string code, string message, int status)
    {
        var condition = ConditionOf(code);

        var entry = ErrorCatalogue.Entry(condition);

        Assert.Equal(code, entry.Code);
        Assert.Equal(status, entry.HttpStatus);
        Assert.Equal(message.Replace(ParameterPlaceholder, "KeyId", StringComparison.Ordinal), ErrorCatalogue.Message(condition, Detail(condition)));
    }

    [Theory]
    [MemberData(nameof(DecisionsRows))]
    public void Entry_DecisionsRow_MatchesCodeMessageAndStatus(string code, string message, int status)
    {
        var condition = ConditionOf(code);

        var entry = ErrorCatalogue.Entry(condition);

        Assert.Equal(code, entry.Code);
        Assert.Equal(status, entry.HttpStatus);
        Assert.Equal(message, ErrorCatalogue.Message(condition, null));
    }

    [Fact]
    public void Message_ParameterCodes_QuoteTheWireNameWithoutSpaces()
    {
        var missing = ErrorCatalogue.Message(KmsErrorCode.MissingParameter, "KeyId");
        var invalid = ErrorCatalogue.Message(KmsErrorCode.InvalidParameter, "KeyId");

        Assert.Equal("The parameter \"KeyId\" is needed but not provided.", missing);
        Assert.Equal("The specified parameter \"KeyId\" is not valid.", invalid);
    }

    [Fact]
    public void Message_SignatureMismatch_AppendsStringToSignAfterOneSpace()
    {
        var message = ErrorCatalogue.Message(KmsErrorCode.IncompleteSignature, "POST&%2F&A%3D1");

        Assert.Equal("The request signature does not conform to Alibaba Cloud standards. server string to sign is:POST&%2F&A%3D1", message);
    }

    [Fact]
    public void Catalogue_Codes_AreExactlyTheSeedAndDecisionsTables()
    {
        var documented = Seed.Concat(Decisions).Select(r => r.Code).Order(StringComparer.Ordinal);

        var catalogue = Enum.GetValues<KmsErrorCode>().Select(c => ErrorCatalogue.Entry(c).Code).Order(StringComparer.Ordinal);

        Assert.Equal(documented, catalogue);
    }

    [Fact]
    public void Catalogue_NeverSentCodes_AppearNowhere()
    {
        var codes = Enum.GetValues<KmsErrorCode>().Select(c => ErrorCatalogue.Entry(c).Code).ToList();
        var documented = Seed.Concat(Decisions).Select(r => r.Code).ToHashSet(StringComparer.Ordinal);

        var forbidden = codes.Where(code => NeverSent.Any(n => Matches(n.Code, code, documented))).ToList();

        Assert.Empty(forbidden);
        Assert.DoesNotContain(codes, c => c.StartsWith("Missing", StringComparison.Ordinal) && c != "MissingParameter");
    }

    [Fact]
    public void Catalogue_SeedMisspellings_AreNeverSentAndMapToTheCorrectSpelling()
    {
        var codes = Enum.GetValues<KmsErrorCode>().Select(c => ErrorCatalogue.Entry(c).Code).ToList();

        var spellings = ErrorCatalogue.SeedSpellings.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value));

        Assert.Equal(SeedMisspellings.OrderBy(p => p.Seed, StringComparer.Ordinal), spellings);
        Assert.All(SeedMisspellings, p => Assert.DoesNotContain(p.Seed, codes));
        Assert.All(SeedMisspellings, p => Assert.Contains(p.Sent, codes));
    }

    [Theory]
    [MemberData(nameof(AllCodes))]
    public void Json_EveryEntry_ParsesWithTheFiveFields(KmsErrorCode code)
    {
        var entry = ErrorCatalogue.Entry(code);

        var bytes = ResponseWriter.Json(ErrorBody(code));

        using var document = JsonDocument.Parse(bytes);
        var root = document.RootElement;
        Assert.Equal(
            ["Code", "HostId", "HttpStatus", "Message", "RequestId"],
            root.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(RequestId, root.GetProperty("RequestId").GetString());
        Assert.Equal(HostId, root.GetProperty("HostId").GetString());
        Assert.Equal(entry.Code, root.GetProperty("Code").GetString());
        Assert.Equal(ErrorCatalogue.Message(code, Detail(code)), root.GetProperty("Message").GetString());
        Assert.Equal(JsonValueKind.Number, root.GetProperty("HttpStatus").ValueKind);
        Assert.Equal(entry.HttpStatus, root.GetProperty("HttpStatus").GetInt32());
        Assert.All(NeverSentFields, f => Assert.False(root.TryGetProperty(f, out _)));
    }

    [Theory]
    [MemberData(nameof(AllCodes))]
    public void Xml_EveryEntry_HasDeclarationAndKmsRootWithTheFiveFields(KmsErrorCode code)
    {
        var entry = ErrorCatalogue.Entry(code);

        var text = Encoding.UTF8.GetString(ResponseWriter.TryXml("KMS", ErrorBody(code))!);

        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?><KMS>", text, StringComparison.Ordinal);
        var root = XDocument.Parse(text).Root!;
        Assert.Equal("KMS", root.Name.LocalName);
        Assert.Equal(
            ["Code", "HostId", "HttpStatus", "Message", "RequestId"],
            root.Elements().Select(e => e.Name.LocalName).Order(StringComparer.Ordinal));
        Assert.Equal(RequestId, root.Element("RequestId")!.Value);
        Assert.Equal(HostId, root.Element("HostId")!.Value);
        Assert.Equal(entry.Code, root.Element("Code")!.Value);
        Assert.Equal(ErrorCatalogue.Message(code, Detail(code)), root.Element("Message")!.Value);
        Assert.Equal(entry.HttpStatus.ToString(System.Globalization.CultureInfo.InvariantCulture), root.Element("HttpStatus")!.Value);
    }

    private const string RequestId = "4C467B38-3910-447D-87BC-AC049166F216";

    private const string HostId = "node-1";

    // The field set RpcEndpoint.WriteErrorAsync writes.
    private static ResponseObject ErrorBody(KmsErrorCode code)
    {
        var entry = ErrorCatalogue.Entry(code);
        return new ResponseObject
        {
            { "RequestId", RequestId },
            { "HostId", HostId },
            { "Code", entry.Code },
            { "Message", ErrorCatalogue.Message(code, Detail(code)) },
            { "HttpStatus", entry.HttpStatus },
        };
    }

    // What the endpoint passes: a parameter name for the two parameter codes, nothing for the bare messages.
    private static string? Detail(KmsErrorCode code) =>
        code is KmsErrorCode.MissingParameter or KmsErrorCode.InvalidParameter ? "KeyId" : null;

    private static KmsErrorCode ConditionOf(string code)
    {
        var matches = Enum.GetValues<KmsErrorCode>().Where(c => ErrorCatalogue.Entry(c).Code == code).ToList();
        Assert.True(matches.Count == 1, $"Code {code} has {matches.Count} catalogue entries");
        return matches[0];
    }

    private static bool Matches(string pattern, string code, HashSet<string> documented)
    {
        if (pattern.EndsWith('*'))
        {
            return code.StartsWith(pattern[..^1], StringComparison.Ordinal);
        }

        if (pattern.Contains("{Name}", StringComparison.Ordinal))
        {
            // Invalid{Name} means a per-parameter code such as InvalidKeyId; the seed's own Invalid* codes are not that.
            var prefix = pattern[..pattern.IndexOf('{', StringComparison.Ordinal)];
            return code.StartsWith(prefix, StringComparison.Ordinal) && !documented.Contains(code);
        }

        return code == pattern;
    }

    private static List<(string Code, string Message, int Status)> Parse(string table, int codeColumn, int messageColumn, int statusColumn)
    {
        var rows = new List<(string, string, int)>();
        foreach (var line in table.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            // The seed's cells have no padding; DECISIONS.md pads its cells with one space each side.
            var cells = line.Trim().Trim('|').Split('|').Select(c => c.Trim(' ')).ToArray();
            rows.Add((cells[codeColumn], cells[messageColumn], int.Parse(cells[statusColumn], System.Globalization.CultureInfo.InvariantCulture)));
        }

        return rows;
    }
}
