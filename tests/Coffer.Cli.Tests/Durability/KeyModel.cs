namespace Coffer.Cli.Tests.Durability;

/// <summary>What the acknowledged writes say a key must look like.</summary>
internal sealed class KeyModel(string primary)
{
    /// <summary>Every acknowledged version, oldest first.</summary>
    public List<string> Versions { get; } = [primary];

    /// <summary>The primary version (the newest acknowledged one).</summary>
    public string Primary { get; set; } = primary;

    /// <summary>Empty while automatic rotation is disabled, else the interval in seconds.</summary>
    public string Rotation { get; set; } = "";
}
