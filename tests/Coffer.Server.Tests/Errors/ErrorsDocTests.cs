using System.Text;
using Coffer.Core.Errors;
using Coffer.Server.Errors;

namespace Coffer.Server.Tests.Errors;

public sealed class ErrorsDocTests
{
    private const string UpdateVariable = "COFFER_UPDATE_DOCS";

    [Fact]
    public void ErrorsDoc_CheckedIn_EqualsTheCatalogueRendering()
    {
        var path = Path.Combine(RepositoryRoot(), "docs", "errors.md");
        var expected = Render();

        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllText(path, expected);
        }

        var actual = File.Exists(path) ? File.ReadAllText(path) : "(missing)";
        Assert.True(
            expected == actual,
            $"docs/errors.md is out of date with ErrorCatalogue; run `{UpdateVariable}=1 dotnet test tests/Coffer.Server.Tests` and commit it.");
    }

    [Fact]
    public void Render_Catalogue_ListsEveryCodeAndBothSpellingsOfTheMisspeltOnes()
    {
        var markdown = Render();

        Assert.All(Enum.GetValues<KmsErrorCode>(), c => Assert.Contains($"| {ErrorCatalogue.Entry(c).Code} |", markdown, StringComparison.Ordinal));
        Assert.Contains("| SerivceUnavailableTemporary | ServiceUnavailableTemporary |", markdown, StringComparison.Ordinal);
        Assert.Contains("| Rejetced.PendingDeletion | Rejected.PendingDeletion |", markdown, StringComparison.Ordinal);
    }

    /// <summary>The markdown of docs/errors.md, generated from <see cref="ErrorCatalogue"/>.</summary>
    internal static string Render()
    {
        var md = new StringBuilder();
        md.Append("<!-- Generated from src/Coffer.Server/Errors/ErrorCatalogue.cs by tests/Coffer.Server.Tests/Errors/ErrorsDocTests.cs ")
            .Append("(ErrorsDoc_CheckedIn_EqualsTheCatalogueRendering); do not edit. ")
            .Append("Regenerate: COFFER_UPDATE_DOCS=1 dotnet test tests/Coffer.Server.Tests -->\n\n");
        md.Append("# Errors\n\n");
        md.Append("Every error Coffer answers. The body is JSON, or XML with root `<KMS>` when the request asked for `Format=XML`, and ")
            .Append("carries `RequestId`, `HostId`, `Code`, `Message` and `HttpStatus`. Requests that cannot be parsed are answered in JSON.\n\n");
        md.Append("In a Message, `{0}` stands for the parameter's wire name, e.g. `The parameter \"KeyId\" is needed but not provided.` ")
            .Append("When a signature does not match, IncompleteSignature's Message is followed by ` server string to sign is:` and the ")
            .Append("V2 StringToSign or V3 CanonicalRequest the server computed. InternalFailure always carries its generic Message.\n\n");
        md.Append("| Code | HTTP | Message | Condition name |\n");
        md.Append("|---|---|---|---|\n");
        foreach (var code in Enum.GetValues<KmsErrorCode>())
        {
            var entry = ErrorCatalogue.Entry(code);
            md.Append("| ").Append(entry.Code)
                .Append(" | ").Append(entry.HttpStatus.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .Append(" | ").Append(entry.Message.Replace("|", "\\|", StringComparison.Ordinal))
                .Append(" | ").Append(code)
                .Append(" |\n");
        }

        md.Append("\n## Misspellings in the seed\n\n");
        md.Append("The product page Coffer's contract starts from misspells two Codes; other editions of the same page spell them ")
            .Append("correctly, and Coffer sends the correct spelling.\n\n");
        md.Append("| Seed spelling | Code Coffer sends |\n");
        md.Append("|---|---|\n");
        foreach (var (seed, sent) in ErrorCatalogueTests.SeedMisspellings)
        {
            md.Append("| ").Append(seed).Append(" | ").Append(sent).Append(" |\n");
        }

        md.Append("\n## Codes Coffer never sends\n\n");
        md.Append("Some notes on Alibaba's gateway mention these; Coffer answers the Code on the right instead (— when there is no such condition).\n\n");
        md.Append("| Never sent | Sent instead |\n");
        md.Append("|---|---|\n");
        foreach (var (code, instead) in ErrorCatalogueTests.NeverSent)
        {
            md.Append("| ").Append(code).Append(" | ").Append(instead.Length == 0 ? "—" : instead).Append(" |\n");
        }

        md.Append("\nNo body carries the fields ")
            .Append(string.Join(" or ", ErrorCatalogueTests.NeverSentFields.Select(f => "`" + f + "`")))
            .Append(".\n");
        return md.ToString();
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Coffer.slnx")) || Directory.Exists(Path.Combine(dir.FullName, ".git")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("No folder above " + AppContext.BaseDirectory + " holds Coffer.slnx or .git.");
    }
}
