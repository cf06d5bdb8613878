using System.Net.Sockets;
using System.Text;

namespace Coffer.Server.Tests;

/// <summary>An HTTP/1.1 answer read off the socket, header names lower-cased, values untouched.</summary>
internal sealed record RawResponse(int Status, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string Text => Encoding.UTF8.GetString(Body);

    /// <summary>The same answer in the shape the signing client gives, for the shared assertions.</summary>
    public Coffer.Testing.CofferResponse ToCofferResponse() =>
        new((System.Net.HttpStatusCode)Status, Headers.GetValueOrDefault("content-type", ""), Text, Headers.GetValueOrDefault("x-acs-request-id"));
}

/// <summary>
/// Sends bytes straight over TCP, for what HttpClient would normalise: exact header values on the way back,
/// odd methods and hand-made request lines on the way out.
/// </summary>
internal static class RawHttp
{
    public static async Task<RawResponse> SendAsync(Uri endpoint, string method, string target, string? body = null, params string[] headers)
    {
        var bodyBytes = body is null ? [] : Encoding.UTF8.GetBytes(body);
        var head = new StringBuilder();
        head.Append(method).Append(' ').Append(target).Append(" HTTP/1.1\r\n");
        head.Append("Host: ").Append(endpoint.Authority).Append("\r\n");
        head.Append("Connection: close\r\n");
        head.Append("Content-Length: ").Append(bodyBytes.Length).Append("\r\n");
        foreach (var header in headers)
        {
            head.Append(header).Append("\r\n");
        }

        head.Append("\r\n");
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(endpoint.Host, endpoint.Port);
        await using var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.UTF8.GetBytes(head.ToString()));
        await stream.WriteAsync(bodyBytes);
        using var received = new MemoryStream();
        await stream.CopyToAsync(received).WaitAsync(TimeSpan.FromSeconds(30));
        return Parse(received.ToArray());
    }

    private static RawResponse Parse(byte[] bytes)
    {
        var end = bytes.AsSpan().IndexOf("\r\n\r\n"u8);
        Assert.True(end > 0, "No HTTP head in the answer: " + Encoding.UTF8.GetString(bytes));
        var lines = Encoding.ASCII.GetString(bytes, 0, end).Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers[line[..colon].Trim().ToLowerInvariant()] = line[(colon + 1)..].Trim();
        }

        return new RawResponse(status, headers, bytes[(end + 4)..]);
    }
}
