namespace Hypergrid.Config.Tree;

/// <summary>A leaf cfg.yaml and the chain of cfg.yaml files from the root down to it.</summary>
public sealed record Leaf(string Mode, string Dataset, string Model, string Trainer, IReadOnlyList<ConfigFile> Chain)
{
    public ConfigFile File => Chain[^1];

    /// <summary>mode/dataset/model/trainer, the leaf's folder below cfg/ and out/log/.</summary>
    public string RelativePath => Path.Combine(Mode, Dataset, Model, Trainer);
}

/// <summary>A cfg.yaml on disk and the path shown to the user.</summary>
public sealed record ConfigFile(string FullPath, string DisplayPath);
