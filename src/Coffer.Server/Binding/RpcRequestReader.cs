using System.Buffers;
using Coffer.Core.Errors;
using Coffer.Protocol.Signing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Coffer.Server.Binding;

/// <summary>
/// Step 2 of the order of checks: sizes and parsing. Request line and header block up to 64 KiB, body up to 1 MiB,
/// only form bodies, strict percent-decoding, no parameter name twice; anything else is ParseRequestParameterException.
/// </summary>
public static class RpcRequestReader
{
    /// <summary>Largest request line and largest header block Coffer accepts.</summary>
    public const int MaxRequestLineBytes = 64 * 1024;

    /// <summary>Largest body Coffer accepts.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    private const string FormContentType = "application/x-www-form-urlencoded";

    /// <summary>Reads and parses the request.</summary>
    /// <exception cref="KmsException">ParseRequestParameterException.</exception>
    public static async Task<RpcRequest> ReadAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (request.Path + request.QueryString).ToString();
        if (request.Method.Length + target.Length + request.Protocol.Length + 4 > MaxRequestLineBytes)
        {
            throw Unparsable();
        }

        long headerBytes = 0;
        foreach (var header in request.Headers)
        {
            headerBytes += header.Key.Length + 4 + header.Value.Sum(v => (long)(v?.Length ?? 0));
        }

        if (headerBytes > MaxRequestLineBytes || request.ContentLength > MaxBodyBytes)
        {
            throw Unparsable();
        }

        var body = await ReadBodyAsync(request, cancellationToken);
        var query = new List<KeyValuePair<string, string>>();
        var queryText = request.QueryString.HasValue ? request.QueryString.Value.AsSpan(1) : [];
        if (!PercentEncoding.TryParsePairs(queryText, query))
        {
            throw Unparsable();
        }

        var form = new List<KeyValuePair<string, string>>();
        if (body.Length > 0)
        {
            var contentType = request.ContentType ?? "";
            var semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
            var mediaType = (semicolon < 0 ? contentType : contentType[..semicolon]).Trim();
            if (!mediaType.Equals(FormContentType, StringComparison.OrdinalIgnoreCase)
                || !PercentEncoding.TryParsePairs(System.Text.Encoding.UTF8.GetString(body), form))
            {
                throw Unparsable();
            }
        }

        var parsed = new RpcRequest(request.Method.ToUpperInvariant(), query, form, body);
        return parsed.HasDuplicateNames ? throw Unparsable() : parsed;
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return request.ContentLength is { } length
                ? await ReadExactlyAsync(request.Body, (int)length, cancellationToken)
                : await ReadToEndAsync(request.Body, cancellationToken);
        }
        catch (Exception e) when (e is BadHttpRequestException or EndOfStreamException)
        {
            throw Unparsable();
        }
    }

    // A Content-Length body (what every client sends): one array of that size, no copies. Kestrel holds the body to
    // the declared length, and the length was checked against MaxBodyBytes before.
    private static async Task<byte[]> ReadExactlyAsync(Stream body, int length, CancellationToken cancellationToken)
    {
        var bytes = length == 0 ? [] : new byte[length];
        await body.ReadExactlyAsync(bytes, cancellationToken);
        return bytes;
    }

    // A chunked body: read through a pooled buffer, up to MaxBodyBytes.
    private static async Task<byte[]> ReadToEndAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > MaxBodyBytes)
                {
                    throw Unparsable();
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }

    private static KmsException Unparsable() => new(KmsErrorCode.ParseRequestParameterException);
}
