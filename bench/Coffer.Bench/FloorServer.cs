using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Coffer.Bench;

/// <summary>
/// The floor: a bare Kestrel endpoint on 127.0.0.1:0 that parses the query and the form and answers a fixed small JSON.
/// It checks no signature and writes nothing: what HTTP alone costs on this machine, with the same client.
/// </summary>
internal static class FloorServer
{
    private static readonly byte[] Answer = Encoding.UTF8.GetBytes(
        "{\"RequestId\":\"00000000-0000-0000-0000-000000000000\",\"KeyId\":\"key-floor\",\"CiphertextBlob\":\"floor\"}");

    public static async Task<WebApplication> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        var app = builder.Build();
        app.Run(HandleAsync);
        await app.StartAsync();
        return app;
    }

    private static async Task HandleAsync(HttpContext context)
    {
        var count = context.Request.Query.Count;
        if (context.Request.HasFormContentType)
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            count += form.Count;
        }

        context.Response.StatusCode = count > 0 ? 200 : 400;
        context.Response.ContentType = "application/json;charset=utf-8";
        context.Response.ContentLength = Answer.Length;
        await context.Response.Body.WriteAsync(Answer, context.RequestAborted);
    }
}
