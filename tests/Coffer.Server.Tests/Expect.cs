using System.Net;
using System.Text.Json;
using Coffer.Testing;

namespace Coffer.Server.Tests;

/// <summary>
/// Assertions on Coffer's answers. The expected Messages are written out here, independent of the server's
/// catalogue, so a wrong catalogue entry fails the HTTP tests too.
/// </summary>
internal static class Expect
{
    public const string IncompleteSignatureMessage = "The request signature does not conform to Alibaba Cloud standards.";

    public const string StringToSignPrefix = IncompleteSignatureMessage + " server string to sign is:";

    public const string IllegalTimestampMessage =
        "The input parameter \"Timestamp\" that is required for processing this request is not supplied.";

    public const string ParseErrorMessage = "Server parse parameters exception. Please check your input params.";

    public const string KeyNotFoundMessage = "The specified Key is not found.";

    public const string AliasNotFoundMessage = "The specified Alias is not found.";

    /// <summary>A 200 whose JSON body has the header's RequestId and no top-level Code; returns the body.</summary>
    public static JsonElement Ok(CofferResponse response)
    {
        Assert.True(response.Status == HttpStatusCode.OK, $"Expected 200, got {(int)response.Status}: {response.Text}");
        Assert.Equal("application/json;charset=utf-8", response.ContentType.Replace(" ", "", StringComparison.Ordinal));
        var json = response.Json;
        Assert.False(json.TryGetProperty("Code", out _), response.Text);
        Assert.Equal(response.RequestIdHeader, json.GetProperty("RequestId").GetString());
        return json;
    }

    /// <summary>A JSON error body with exactly the five fields, the given Code and status, and (when given) Message.</summary>
    public static void Error(CofferResponse response, string code, int status, string? message = null)
    {
        Assert.True(
            (int)response.Status == status && response.Code == code,
            $"Expected {status} {code}, got {(int)response.Status}: {response.Text}");
        var json = response.Json;
        Assert.Equal(
            ["Code", "HostId", "HttpStatus", "Message", "RequestId"],
            json.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(JsonValueKind.Number, json.GetProperty("HttpStatus").ValueKind);
        Assert.Equal(status, json.GetProperty("HttpStatus").GetInt32());
        Assert.Equal(CofferApplicationFactory.TestHostId, json.GetProperty("HostId").GetString());
        Assert.Equal(response.RequestIdHeader, json.GetProperty("RequestId").GetString());
        if (message is not null)
        {
            Assert.Equal(message, json.GetProperty("Message").GetString());
        }
    }

    public static void MissingParameter(CofferResponse response, string name) =>
        Error(response, "MissingParameter", 400, $"The parameter \"{name}\" is needed but not provided.");

    public static void InvalidParameter(CofferResponse response, string name) =>
        Error(response, "InvalidParameter", 400, $"The specified parameter \"{name}\" is not valid.");

    public static void IncompleteSignature(CofferResponse response) =>
        Error(response, "IncompleteSignature", 400, IncompleteSignatureMessage);

    public static void IllegalTimestamp(CofferResponse response) =>
        Error(response, "IllegalTimestamp", 400, IllegalTimestampMessage);

    public static void ParseError(CofferResponse response) =>
        Error(response, "ParseRequestParameterException", 400, ParseErrorMessage);

    public static void KeyNotFound(CofferResponse response) => Error(response, "Forbidden.KeyNotFound", 404, KeyNotFoundMessage);

    public static void AliasNotFound(CofferResponse response) => Error(response, "Forbidden.AliasNotFound", 404, AliasNotFoundMessage);
}
