namespace Hypergrid.Config.Tests;

/// <summary>A throw-away cfg tree and out folder in a temp directory.</summary>
public sealed class CfgTree : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("hypergrid-test-").FullName;
    public string Cfg => Path.Combine(Root, "cfg");
    public string Out => Path.Combine(Root, "out");

    public CfgTree Write(string relativeFolder, string yaml)
    {
        var dir = Path.Combine(Cfg, relativeFolder);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "cfg.yaml"), yaml);
        return this;
    }

    public string TrialFile(string leaf, int n) => Path.Combine(Out, "log", leaf, $"trial_{n:D3}", "cfg.yaml");

    public Hypergrid.Config.Expansion.ExpandOptions Options(Filters? filters = null, bool dryRun = false) => new(Cfg, Out, filters, dryRun);

    public IReadOnlyList<string> AllFilesUnderOut() =>
        Directory.Exists(Out) ? Directory.GetFiles(Out, "*", SearchOption.AllDirectories) : [];

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
