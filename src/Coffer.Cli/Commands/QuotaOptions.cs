using System.CommandLine;
using System.Globalization;

namespace Coffer.Cli.Commands;

/// <summary>The <c>--max-*</c> options of <c>coffer account create|set-quota</c>: a count, or <c>default</c> to drop an override.</summary>
internal sealed record QuotaOptions(
    Option<string?> Keys, Option<string?> Aliases, Option<string?> Secrets, Option<string?> VersionsPerKey, Option<string?> TagsPerResource)
{
    public static QuotaOptions Create() => new(
        Make("--max-keys", "Keys of the account, PendingDeletion included"),
        Make("--max-aliases", "Aliases of the account"),
        Make("--max-secrets", "Secrets of the account"),
        Make("--max-versions-per-key", "Versions per key"),
        Make("--max-tags-per-resource", "Tags per key or secret"));

    public void AddTo(Command command)
    {
        command.Options.Add(Keys);
        command.Options.Add(Aliases);
        command.Options.Add(Secrets);
        command.Options.Add(VersionsPerKey);
        command.Options.Add(TagsPerResource);
    }

    public QuotaValues Read(ParseResult result)
    {
        var values = new QuotaValues();
        values.Keys = Parse(result.GetValue(Keys), Keys.Name, values);
        values.Aliases = Parse(result.GetValue(Aliases), Aliases.Name, values);
        values.Secrets = Parse(result.GetValue(Secrets), Secrets.Name, values);
        values.VersionsPerKey = Parse(result.GetValue(VersionsPerKey), VersionsPerKey.Name, values);
        values.TagsPerResource = Parse(result.GetValue(TagsPerResource), TagsPerResource.Name, values);
        return values;
    }

    private static Option<string?> Make(string name, string what) =>
        new(name) { Description = $"{what} (a whole number, or 'default' for the server's setting)." };

    private static QuotaValue? Parse(string? text, string name, QuotaValues values)
    {
        if (text is null)
        {
            return null;
        }

        if (string.Equals(text, "default", StringComparison.OrdinalIgnoreCase))
        {
            return new QuotaValue(null);
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            return new QuotaValue(count);
        }

        values.Error ??= $"{name} must be a whole number or 'default'";
        return null;
    }
}
