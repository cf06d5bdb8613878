using System.Text;
using Coffer.Server.Rendering;

namespace Coffer.Server.Tests.Rendering;

/// <summary>The JSON writer reuses one buffer per thread: every answer comes out whole and alone, whatever came before it.</summary>
public sealed class ResponseWriterTests
{
    [Fact]
    public void Json_AfterALargeAnswerAndAFailedOne_RendersTheNextAnswerAlone()
    {
        var large = new string('x', 100_000);
        Assert.Equal($$"""{"Plaintext":"{{large}}"}""", Render(new ResponseObject { { "Plaintext", large } }));

        // An item type the writer does not know fails half-way through the object.
        var broken = new ResponseObject { { "RequestId", "r-1" }, { "Keys", new ResponseList("Key", [42]) } };
        Assert.Throws<InvalidOperationException>(() => ResponseWriter.Json(broken));

        Assert.Equal("""{"RequestId":"r-2","KeyId":"k"}""", Render(new ResponseObject { { "RequestId", "r-2" }, { "KeyId", "k" } }));
    }

    [Fact]
    public void Json_OnConcurrentThreads_RendersEachAnswerIntact()
    {
        var failures = 0;
        Parallel.For(0, 20_000, i =>
        {
            var value = new string((char)('a' + (i % 26)), i % 700);
            var body = new ResponseObject { { "RequestId", i.ToString(System.Globalization.CultureInfo.InvariantCulture) }, { "Plaintext", value } };
            if (Render(body) != $$"""{"RequestId":"{{i}}","Plaintext":"{{value}}"}""")
            {
                Interlocked.Increment(ref failures);
            }
        });

        Assert.Equal(0, failures);
    }

    private static string Render(ResponseObject body) => Encoding.UTF8.GetString(ResponseWriter.Json(body));
}
