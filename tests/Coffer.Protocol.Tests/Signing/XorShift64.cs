using System.Text;

namespace Coffer.Protocol.Tests.Signing;

/// <summary>
/// Marsaglia's xorshift64: a deterministic source for property tests (System.Random is banned in this codebase,
/// and a fixed sequence makes any failure reproducible).
/// </summary>
internal sealed class XorShift64(ulong seed)
{
    private ulong _state = seed;

    public ulong Next()
    {
        _state ^= _state << 13;
        _state ^= _state >> 7;
        _state ^= _state << 17;
        return _state;
    }

    /// <summary>0 to 23 Unicode scalar values, mixing printable ASCII, all ASCII, the rest of the BMP and non-BMP.</summary>
    public string NextString()
    {
        var length = (int)(Next() % 24);
        var builder = new StringBuilder();
        for (var i = 0; i < length; i++)
        {
            builder.Append(char.ConvertFromUtf32(NextScalar()));
        }

        return builder.ToString();
    }

    private int NextScalar()
    {
        var r = Next();
        switch (r % 4)
        {
            case 0:
                return 0x20 + (int)(r / 4 % 0x5F);
            case 1:
                return (int)(r / 4 % 0x80);
            case 2:
                // 0x80-0xFFFF without the surrogate range D800-DFFF, which holds no scalar values.
                var bmp = 0x80 + (int)(r / 4 % (0x10000 - 0x80 - 0x800));
                return bmp >= 0xD800 ? bmp + 0x800 : bmp;
            default:
                return 0x10000 + (int)(r / 4 % 0x100000);
        }
    }
}
