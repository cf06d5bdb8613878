namespace Coffer.Cli.Tests.Durability;

/// <summary>Files of this source tree that tests run (scripts), found above the test binaries.</summary>
internal static class SourceTree
{
    /// <summary>The file at <paramref name="relative"/> from the root of the source tree.</summary>
    public static string Find(string relative)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var file = Path.Combine(folder.FullName, relative);
            if (File.Exists(file))
            {
                return file;
            }
        }

        throw new InvalidOperationException($"no {relative} above {AppContext.BaseDirectory}");
    }
}
