using Coffer.Server.Hosting;

namespace Coffer.Server.Tests.Identities;

/// <summary>A server with low rate limits: 3 management calls per second per account, 5 calls per second per AccessKey.</summary>
public sealed class ThrottledFactory : CofferApplicationFactory
{
    public const int Management = 3;

    public const int PerAccessKey = 5;

    /// <inheritdoc />
    protected override void ConfigureServer(CofferServerOptions server)
    {
        server.RateLimits.ManagementPerAccount = Management;
        server.RateLimits.PerAccessKey = PerAccessKey;
    }
}
