using Coffer.Core;
using Coffer.Core.Background;
using Coffer.Core.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Coffer.Server.Hosting;

/// <summary>Runs <see cref="KeyScheduler"/> every <see cref="KmsOptions.SchedulerInterval"/> on the injected clock.</summary>
public sealed class SchedulerService(KeyScheduler scheduler, KmsOptions options, TimeProvider time, ILogger<SchedulerService> logger)
    : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.SchedulerInterval, time);
        do
        {
            try
            {
                var pass = await scheduler.RunOnceAsync(stoppingToken);
                if (pass.Deleted + pass.Rotated > 0)
                {
                    Log.SchedulerPass(logger, pass.Deleted, pass.Rotated);
                }
            }
            catch (StoreUnavailableException e)
            {
                Log.SchedulerStoreUnavailable(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
