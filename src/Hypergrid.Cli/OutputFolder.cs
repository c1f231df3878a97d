using Hypergrid.Config;
using Hypergrid.Config.Expansion;

namespace Hypergrid.Cli;

/// <summary>Checks --out before anything is planned: a file, or a folder inside the cfg tree, is a mistake said up front.</summary>
public static class OutputFolder
{
    public static void Check(ExpandOptions options)
    {
        var outDir = Path.GetFullPath(options.OutDir);
        var cfgDir = Path.GetFullPath(options.CfgDir);
        if (File.Exists(outDir)) throw new UsageException($"--out {options.OutDir} is a file; give a folder (it is created when missing)");
        if (outDir == cfgDir || outDir.StartsWith(cfgDir.TrimEnd('/') + "/", StringComparison.Ordinal))
            throw new UsageException($"--out {options.OutDir} lies inside --cfg {options.CfgDir}; trial configs there would be read as part of the tree: choose a folder outside it");
    }
}
