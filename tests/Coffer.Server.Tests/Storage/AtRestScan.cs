using System.Text;

namespace Coffer.Server.Tests.Storage;

/// <summary>The scan both at-rest tests run: the database files as raw bytes, and the forms a secret could take in them.</summary>
internal static class AtRestScan
{
    /// <summary>coffer.db and, when present, coffer.db-wal of <paramref name="dataDirectory"/>, read while the server has them open.</summary>
    public static List<(string Name, byte[] Bytes)> ReadDatabaseFiles(string dataDirectory)
    {
        var files = new List<(string, byte[])>();
        foreach (var name in new[] { "coffer.db", "coffer.db-wal" })
        {
            var path = Path.Combine(dataDirectory, name);
            if (!File.Exists(path))
            {
                continue;
            }

            // The server still has the database open; share everything so neither side is disturbed.
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            files.Add((name, copy.ToArray()));
        }

        Assert.Contains(files, f => f.Item1 == "coffer.db");
        return files;
    }

    /// <summary>The raw, hex (both cases) and base64 forms of <paramref name="secret"/>.</summary>
    public static IEnumerable<(string Form, byte[] Bytes)> Forms(byte[] secret) =>
    [
        ("raw", secret),
        ("hex", Encoding.ASCII.GetBytes(Convert.ToHexStringLower(secret))),
        ("HEX", Encoding.ASCII.GetBytes(Convert.ToHexString(secret))),
        ("base64", Encoding.ASCII.GetBytes(Convert.ToBase64String(secret))),
    ];

    /// <summary>True when <paramref name="needle"/> occurs in <paramref name="haystack"/>.</summary>
    public static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
