using Coffer.Testing;

namespace Coffer.Server.Tests;

/// <summary>The signing client's calls, bound to the running test's cancellation token.</summary>
internal static class TestCalls
{
    /// <summary>A V2-signed call.</summary>
    public static Task<CofferResponse> CallAsync(
        this SigningClient client,
        string action,
        IReadOnlyDictionary<string, string>? parameters = null,
        WirePlacement placement = WirePlacement.PostQuery,
        Action<Dictionary<string, string>>? tamper = null) =>
        client.CallV2Async(action, parameters, placement, tamper, TestContext.Current.CancellationToken);

    /// <summary>A V3-signed call with the parameters in the query.</summary>
    public static Task<CofferResponse> CallSignedV3Async(
        this SigningClient client, string action, IReadOnlyDictionary<string, string>? parameters = null, Action<HttpRequestMessage>? tamper = null) =>
        client.CallV3Async(action, parameters, tamper, TestContext.Current.CancellationToken);

    /// <summary>Sends a prepared request.</summary>
    public static Task<CofferResponse> SendMessageAsync(this SigningClient client, HttpRequestMessage message) =>
        client.SendAsync(message, TestContext.Current.CancellationToken);
}
