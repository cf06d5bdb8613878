using Coffer.Core.Errors;

namespace Coffer.Core.Requests;

/// <summary>Paging rules: PageNumber ≥ 1 (default 1), PageSize 1–100; no clamping.</summary>
public static class Paging
{
    /// <summary>Largest page.</summary>
    public const int MaxPageSize = 100;

    /// <summary>Applies defaults and checks ranges.</summary>
    /// <exception cref="KmsException">InvalidParameter naming PageNumber or PageSize.</exception>
    public static (int Number, int Size) Validate(int? pageNumber, int? pageSize, int defaultSize)
    {
        var number = pageNumber ?? 1;
        var size = pageSize ?? defaultSize;
        if (number < 1)
        {
            throw KmsException.Invalid("PageNumber");
        }

        if (size is < 1 or > MaxPageSize)
        {
            throw KmsException.Invalid("PageSize");
        }

        return (number, size);
    }
}
