using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Coffer.Server.Tests.Hosting;

/// <summary>What the host leaves out of every request's path: file watching and ASP.NET's per-request diagnostics.</summary>
public sealed class HostConfigurationTests(CofferApplicationFactory factory) : IClassFixture<CofferApplicationFactory>
{
    /// <summary>The data folder sits under the working directory by default: a watch there woke at every commit.</summary>
    [Fact]
    public void ConfigurationFiles_AreNotWatchedForChanges()
    {
        var configuration = (IConfigurationRoot)factory.Services.GetRequiredService<IConfiguration>();
        var files = configuration.Providers.OfType<FileConfigurationProvider>().ToList();

        Assert.NotEmpty(files);
        Assert.All(files, file => Assert.False(file.Source.ReloadOnChange, file.Source.Path));
    }

    /// <summary>While this category logs at any level, ASP.NET starts an Activity and a logging scope for every request.</summary>
    [Fact]
    public void HostingDiagnostics_AreOffAtEveryLevel()
    {
        var logger = factory.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics");

        Assert.False(logger.IsEnabled(LogLevel.Critical));
    }
}
