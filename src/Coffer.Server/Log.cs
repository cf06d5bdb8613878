using Microsoft.Extensions.Logging;

namespace Coffer.Server;

/// <summary>Coffer.Server's log messages. Fields are ids, actions and codes, never secrets.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Error, Message = "Request {RequestId} ({Action}) failed with an internal error")]
    public static partial void InternalError(ILogger logger, string requestId, string action, Exception exception);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Request {RequestId} ({Action}): store unavailable")]
    public static partial void StoreUnavailable(ILogger logger, string requestId, string action, Exception exception);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Debug, Message = "Request {RequestId} ({Action}) by {AccessKeyId} answered {Code}")]
    public static partial void Answered(ILogger logger, string requestId, string action, string accessKeyId, string code);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Request {RequestId} ({Action}) by {AccessKeyId} refused by policy: {Refused}")]
    public static partial void Refused(ILogger logger, string requestId, string action, string accessKeyId, string refused);

    [LoggerMessage(EventId = 2000, Level = LogLevel.Information, Message = "Scheduler deleted {Deleted} keys and rotated {Rotated} keys")]
    public static partial void SchedulerPass(ILogger logger, int deleted, int rotated);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Scheduler pass skipped: store unavailable")]
    public static partial void SchedulerStoreUnavailable(ILogger logger, Exception exception);
}
