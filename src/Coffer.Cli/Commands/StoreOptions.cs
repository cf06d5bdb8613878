using System.CommandLine;

namespace Coffer.Cli.Commands;

/// <summary>The options that name the store an administration command works on: --data, --store, --postgres.</summary>
internal sealed record StoreOptions(Option<string> Data, Option<string> Store, Option<string?> Postgres)
{
    /// <summary>Adds the three options to <paramref name="command"/>.</summary>
    public static StoreOptions AddTo(Command command)
    {
        var options = new StoreOptions(CommonOptions.Data(), CommonOptions.Store(), CommonOptions.Postgres());
        command.Options.Add(options.Data);
        command.Options.Add(options.Store);
        command.Options.Add(options.Postgres);
        return options;
    }
}
