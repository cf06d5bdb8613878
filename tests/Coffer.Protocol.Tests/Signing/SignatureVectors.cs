using System.Text;
using System.Text.Json;

namespace Coffer.Protocol.Tests.Signing;

/// <summary>
/// The signature vectors in Vectors/signature-vectors.json, read from the output directory so a clone passes on its own.
/// Parameters keep the order the file lists them in (the kms-sdk vector is deliberately unsorted).
/// </summary>
internal static class SignatureVectors
{
    private static readonly Lazy<Loaded> LoadedVectors = new(Load);

    public static IReadOnlyList<V1Vector> V1 => LoadedVectors.Value.V1;

    public static KmsSdkVector KmsSdk => LoadedVectors.Value.KmsSdk;

    public static IReadOnlyList<Acs3Vector> Acs3 => LoadedVectors.Value.Acs3;

    public static V1Vector V1Named(string name) => V1.Single(v => v.Name == name);

    public static Acs3Vector Acs3Named(string name) => Acs3.Single(v => v.Name == name);

    private static Loaded Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Vectors", "signature-vectors.json");
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = document.RootElement;

        var v1 = root.GetProperty("v1").EnumerateArray().Select(e => new V1Vector(
            Text(e, "name"),
            Text(e, "source"),
            Secret(e),
            Text(e, "method"),
            Pairs(e.GetProperty("params")),
            Text(e, "stringToSign"),
            Text(e, "signature"),
            e.TryGetProperty("wireBody", out var body) ? body.GetString() : null)).ToList();

        var k = root.GetProperty("kmsSdkVariant");
        var kmsSdk = new KmsSdkVector(
            Text(k, "name"),
            Text(k, "source"),
            Secret(k),
            Text(k, "method"),
            Pairs(k.GetProperty("params")),
            Text(k, "kmsSdkStringToSign"),
            Text(k, "signature"),
            Text(k, "standardSignatureOfSameParams"));

        var acs3 = root.GetProperty("acs3").EnumerateArray().Select(e => new Acs3Vector(
            Text(e, "name"),
            Text(e, "source"),
            Secret(e),
            Text(e, "accessKeyId"),
            Text(e, "method"),
            Text(e, "pathname"),
            Pairs(e.GetProperty("query")),
            Pairs(e.GetProperty("headers")).ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase),
            Text(e, "body"),
            Text(e, "canonicalRequest"),
            Text(e, "stringToSign"),
            Text(e, "authorization"))).ToList();

        return new Loaded(v1, kmsSdk, acs3);
    }

    private static string Text(JsonElement element, string name) =>
        element.GetProperty(name).GetString() ?? throw new InvalidDataException($"\"{name}\" is null");

    private static byte[] Secret(JsonElement element) => Encoding.UTF8.GetBytes(Text(element, "secret"));

    private static List<KeyValuePair<string, string>> Pairs(JsonElement element) =>
        element.EnumerateObject().Select(p => new KeyValuePair<string, string>(p.Name, p.Value.GetString() ?? "")).ToList();

    private sealed record Loaded(IReadOnlyList<V1Vector> V1, KmsSdkVector KmsSdk, IReadOnlyList<Acs3Vector> Acs3);
}

/// <summary>A V2 (HMAC-SHA1) vector; <paramref name="WireBody"/> is the form body as pop-core sends it, when given.</summary>
internal sealed record V1Vector(
    string Name,
    string Source,
    byte[] Secret,
    string Method,
    IReadOnlyList<KeyValuePair<string, string>> Params,
    string StringToSign,
    string Signature,
    string? WireBody);

/// <summary>What kms-sdk signs (a non-standard string to sign) for parameters a correct server canonicalises differently.</summary>
internal sealed record KmsSdkVector(
    string Name,
    string Source,
    byte[] Secret,
    string Method,
    IReadOnlyList<KeyValuePair<string, string>> Params,
    string KmsSdkStringToSign,
    string KmsSdkSignature,
    string StandardSignature);

/// <summary>An ACS3-HMAC-SHA256 vector.</summary>
internal sealed record Acs3Vector(
    string Name,
    string Source,
    byte[] Secret,
    string AccessKeyId,
    string Method,
    string Pathname,
    IReadOnlyList<KeyValuePair<string, string>> Query,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    string CanonicalRequest,
    string StringToSign,
    string Authorization);
