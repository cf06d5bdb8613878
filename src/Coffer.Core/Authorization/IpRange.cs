using System.Net;
using System.Net.Sockets;

namespace Coffer.Core.Authorization;

/// <summary>An address or CIDR block of an <c>IpAddress</c>/<c>NotIpAddress</c> condition, parsed once.</summary>
internal sealed class IpRange
{
    private readonly byte[] _network;
    private readonly int _prefix;

    private IpRange(byte[] network, int prefix)
    {
        _network = network;
        _prefix = prefix;
    }

    /// <summary>Parses <c>a.b.c.d</c>, <c>a.b.c.d/n</c>, or the IPv6 forms; IPv4-mapped IPv6 counts as IPv4.</summary>
    public static IpRange? TryParse(string text)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? text : text[..slash];
        if (!IPAddress.TryParse(addressText, out var address) || addressText.Contains('%', StringComparison.Ordinal))
        {
            return null;
        }

        address = Normalise(address);
        var bytes = address.GetAddressBytes();
        var prefix = bytes.Length * 8;
        if (slash >= 0)
        {
            var prefixText = text.AsSpan(slash + 1);
            if (prefixText.Length is 0 or > 3 || prefixText.ContainsAnyExceptInRange('0', '9') || !int.TryParse(prefixText, out prefix)
                || prefix > bytes.Length * 8)
            {
                return null;
            }
        }

        return new IpRange(bytes, prefix);
    }

    /// <summary>Whether <paramref name="address"/> lies in the range.</summary>
    public bool Contains(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (!address.TryWriteBytes(bytes, out var written) || written != _network.Length)
        {
            return false;
        }

        var whole = _prefix / 8;
        if (!bytes[..whole].SequenceEqual(_network.AsSpan(0, whole)))
        {
            return false;
        }

        var rest = _prefix % 8;
        if (rest == 0)
        {
            return true;
        }

        var mask = (byte)((0xFF << (8 - rest)) & 0xFF);
        return (bytes[whole] & mask) == (_network[whole] & mask);
    }

    private static IPAddress Normalise(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 && address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
