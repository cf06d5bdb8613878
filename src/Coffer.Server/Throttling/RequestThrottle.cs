using System.Threading.RateLimiting;
using Coffer.Core.Errors;
using Coffer.Server.Authentication;

namespace Coffer.Server.Throttling;

/// <summary>
/// The per-account-and-class and per-AccessKey rate limits (System.Threading.RateLimiting token buckets, one per
/// partition), checked right after authentication. Limits are per node: with several nodes each enforces its own.
/// </summary>
public sealed class RequestThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<(string Account, ActionClass Class)>? _accounts;
    private readonly PartitionedRateLimiter<string>? _accessKeys;

    /// <summary>Builds the limiters the options turn on.</summary>
    public RequestThrottle(RateLimitOptions options)
    {
        if (options.SymmetricPerAccount > 0 || options.AsymmetricPerAccount > 0 || options.ManagementPerAccount > 0)
        {
            _accounts = PartitionedRateLimiter.Create<(string Account, ActionClass Class), (string, ActionClass)>(key =>
                options.PerAccount(key.Class) is var limit and > 0
                    ? RateLimitPartition.GetTokenBucketLimiter(key, _ => Bucket(limit))
                    : RateLimitPartition.GetNoLimiter(key));
        }

        if (options.PerAccessKey > 0)
        {
            _accessKeys = PartitionedRateLimiter.Create<string, string>(key =>
                RateLimitPartition.GetTokenBucketLimiter(key, _ => Bucket(options.PerAccessKey)));
        }
    }

    /// <summary>Takes one request from the caller's buckets.</summary>
    /// <exception cref="KmsException">Rejected.Throttling when a bucket is empty.</exception>
    public void Check(AuthenticatedCaller caller, string action)
    {
        if (_accessKeys is not null)
        {
            using var lease = _accessKeys.AttemptAcquire(caller.AccessKeyId);
            if (!lease.IsAcquired)
            {
                throw new KmsException(KmsErrorCode.Throttling, $"AccessKey {caller.AccessKeyId}");
            }
        }

        if (_accounts is not null)
        {
            var actionClass = ActionClasses.Of(action);
            using var lease = _accounts.AttemptAcquire((caller.Account.Value, actionClass));
            if (!lease.IsAcquired)
            {
                throw new KmsException(KmsErrorCode.Throttling, $"account {caller.Account.Value} {actionClass}");
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _accounts?.Dispose();
        _accessKeys?.Dispose();
    }

    private static TokenBucketRateLimiterOptions Bucket(int perSecond) => new()
    {
        TokenLimit = perSecond,
        TokensPerPeriod = perSecond,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}
