namespace Coffer.Server.Throttling;

/// <summary>
/// Optional request-rate limits, in requests per second (a token bucket that holds one second's worth, refilled
/// continuously). Zero, the default, turns a limit off. A tripped limit answers Rejected.Throttling 429.
/// </summary>
public sealed class RateLimitOptions
{
    /// <summary>Per account, symmetric data-plane calls (<c>COFFER_RATE_LIMIT_SYMMETRIC</c>).</summary>
    public int SymmetricPerAccount { get; set; }

    /// <summary>Per account, asymmetric calls (<c>COFFER_RATE_LIMIT_ASYMMETRIC</c>).</summary>
    public int AsymmetricPerAccount { get; set; }

    /// <summary>Per account, management calls (<c>COFFER_RATE_LIMIT_MANAGEMENT</c>).</summary>
    public int ManagementPerAccount { get; set; }

    /// <summary>Per AccessKey, every call (<c>COFFER_RATE_LIMIT_ACCESS_KEY</c>).</summary>
    public int PerAccessKey { get; set; }

    /// <summary>The per-account limit of <paramref name="actionClass"/>.</summary>
    public int PerAccount(ActionClass actionClass) => actionClass switch
    {
        ActionClass.Symmetric => SymmetricPerAccount,
        ActionClass.Asymmetric => AsymmetricPerAccount,
        _ => ManagementPerAccount,
    };
}
