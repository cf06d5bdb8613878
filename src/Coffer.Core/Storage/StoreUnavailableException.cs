namespace Coffer.Core.Storage;

/// <summary>The store could not be read or written (answers ServiceUnavailableTemporary).</summary>
public sealed class StoreUnavailableException : Exception
{
    /// <summary>Wraps the provider's failure.</summary>
    public StoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
