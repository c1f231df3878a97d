using Hypergrid.Config;
using Hypergrid.Config.Expansion;
using Hypergrid.Trials;
using Hypergrid.Trials.Code;

namespace Hypergrid.Running;

/// <summary>Reads the states of every trial of the selected leaves, orphans included (also those of leaves deleted from cfg/).</summary>
public static class StatusReader
{
    public static IReadOnlyList<(string Leaf, IReadOnlyList<StatusLine> Trials)> Read(ExpandOptions options)
    {
        // A tree that lost its leaves (or is gone) still has trials in out/log: they are listed, as orphans.
        var probe = new List<ConfigError>();
        var noLeaves = !Directory.Exists(options.CfgDir)
            || Config.Tree.LeafFinder.Find(options.CfgDir, options.Filters ?? Config.Filters.All, probe).Count == 0 && probe.All(Errors.IsNoLeaf);
        var leaves = noLeaves ? [] : Expander.Expand(options with { DryRun = true, Schema = Trainers.TrainerBackends.Schema });
        var result = new List<(string, IReadOnlyList<StatusLine>)>();
        var code = new CodeJudge(Path.GetDirectoryName(Path.GetFullPath(options.CfgDir)), [options.OutDir]);
        foreach (var leaf in leaves)
        {
            var lines = leaf.Trials
                .Select(t => new StatusLine(code.Judge(TrialRecord.Read(t.Directory, t.Id, ResultHash.Current(t.Config, Trainers.TrainerBackends.Schema))), t.AxisValues))
                .Concat(leaf.Orphans.Select(o => Orphan(o.Directory)))
                .ToList();
            result.Add((leaf.Plan.Leaf.RelativePath.Replace('\\', '/'), lines));
        }
        var planned = leaves.Select(l => Path.GetFullPath(Path.Combine(options.LogDir, l.Plan.Leaf.RelativePath))).ToHashSet();
        foreach (var dir in LeafFolders(options.LogDir).Where(d => !planned.Contains(Path.GetFullPath(d))))
        {
            var parts = Path.GetRelativePath(options.LogDir, dir).Split(Path.DirectorySeparatorChar);
            if (!(options.Filters ?? Config.Filters.All).Matches(parts[0], parts[1], parts[2], parts[3])) continue;
            var trials = Directory.EnumerateDirectories(dir).Where(d => TrialFiles.TryParseFolder(Path.GetFileName(d), out _))
                .Select(Orphan).OrderBy(l => l.Record.Id.Number).ToList();
            if (trials.Count > 0) result.Add((string.Join('/', parts), trials));
        }
        if (noLeaves && result.Count == 0) ConfigException.ThrowIfAny(probe.Count > 0 ? probe : [Errors.Unreadable(options.CfgDir, "the config folder does not exist and out/log holds no trials")]);
        return result;
    }

    private static StatusLine Orphan(string dir) => new(TrialRecord.Orphan(dir, TrialId.FromDirectory(dir)), []);

    // out/log/<mode>/<dataset>/<model>/<trainer>: a leaf whose cfg.yaml was deleted still has its trials here.
    private static IEnumerable<string> LeafFolders(string logDir)
    {
        if (!Directory.Exists(logDir)) return [];
        IEnumerable<string> level = [logDir];
        for (var depth = 0; depth < 4; depth++) level = level.SelectMany(Directory.EnumerateDirectories);
        return level.Order(StringComparer.Ordinal);
    }
}
