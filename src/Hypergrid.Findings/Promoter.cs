using System.Text;
using Hypergrid.Config;
using Hypergrid.Config.Expansion;
using Hypergrid.Config.Programs;
using Hypergrid.Config.Tree;
using Hypergrid.Config.Yaml;
using Hypergrid.Trials;

namespace Hypergrid.Findings;

/// <summary>
/// Carries a sweep trial into an experiment: the cfg.yaml of cfg/experiment/&lt;dataset&gt;/&lt;model&gt;/&lt;trainer&gt;/ that
/// holds exactly the keys whose effective value differs from what that leaf inherits (list values as one-value lists,
/// which experiment mode accepts), and the seeds. Expanding it gives trials equal to the sweep trial but for the seed.
/// </summary>
public static class Promoter
{
    public static readonly long[] DefaultSeeds = [0, 1, 2, 3, 4];

    /// <summary>How a promoted leaf's first line starts, before the trial it came from (what tells a promoted leaf from one written by hand).</summary>
    public const string Header = "# Promoted by 'hypergrid promote' from ";
    private static readonly HashSet<string> Fixed = ["mode", "dataset", "model", "trainer", "seed"];
    private static readonly HashSet<string> ProgramSettings = [ProgramKeys.Command, ProgramKeys.Params, ProgramKeys.Code, ProgramKeys.StopGrace];

    /// <summary>The experiment leaf's file for <paramref name="trial"/>, whose config (as trained) is <paramref name="source"/>.</summary>
    public static string Render(string cfgDir, TrialId trial, TrialConfig source, IReadOnlyList<long>? seeds, IConfigSchema schema, string why)
    {
        var inherited = Inherited(cfgDir, trial);
        // The values an experiment trial would take from the parents alone: one-value lists are their value, the seed is any one.
        var single = inherited.With(inherited.Entries.Where(e => e.Value is CfgList { Items.Count: > 0 } && !Modes.StructuralLists.Contains(e.Key))
            .ToDictionary(e => e.Key, e => ((CfgList)e.Value).Items[0]));
        var have = schema.Effective(single);
        var want = schema.Effective(source);
        var sb = new StringBuilder($"{Header}{trial} ({why}).\n")
            .Append("# The keys whose value differs from what this leaf inherits, and the seeds to run.\n");
        // A program's command, declared parameters, code globs and stop grace are not hyperparameters, but the experiment
        // must run the same program, with its values checked, its code judged and its stops waited for the same way.
        foreach (var e in want.Entries.Where(e => !Fixed.Contains(e.Key) && (!TrialConfig.NotHyperparameters.Contains(e.Key) || ProgramSettings.Contains(e.Key))))
        {
            if (have[e.Key]?.Canonical == e.Value.Canonical) continue;
            // A mapping is a block below its key (TopValue starts it on the next line); anything else follows "key: ".
            var text = e.Value is CfgList && !Modes.StructuralLists.Contains(e.Key) ? $" [{e.Value.Canonical}]" : YamlText.TopValue(e.Value);
            sb.Append(YamlText.Key(e.Key)).Append(':').Append(text).Append('\n');
        }
        var seedList = seeds ?? (inherited["seed"] is CfgList ? null : DefaultSeeds);
        if (seedList is not null) sb.Append("seed: [").Append(string.Join(", ", seedList)).Append("]\n");
        return sb.ToString();
    }

    /// <summary>The experiment leaf's path keys and the merge of the cfg.yaml files above it.</summary>
    private static TrialConfig Inherited(string cfgDir, TrialId trial)
    {
        var errors = new List<ConfigError>();
        var chain = new List<(CfgMap, string)>();
        string[] parts = [Modes.Experiment, trial.Dataset, trial.Model];
        for (var depth = 0; depth <= parts.Length; depth++)
        {
            var path = Path.Combine([cfgDir, .. parts[..depth], TrialFiles.Config]);
            if (File.Exists(path) && YamlLoader.LoadMappingFile(path, LeafFinder.Display(path), errors) is { } map) chain.Add((map, LeafFinder.Display(path)));
        }
        ConfigException.ThrowIfAny(errors);
        var mark = new SourceMark("(path)", 0, 0);
        var pathKeys = new[] { ("mode", Modes.Experiment), ("dataset", trial.Dataset), ("model", trial.Model), ("trainer", trial.Trainer) }
            .Select(k => new MergedEntry(k.Item1, new CfgScalar(k.Item2, ScalarKind.String, mark), mark.File, mark));
        return new TrialConfig(pathKeys.Concat(Merge.Shallow(chain).Where(e => !Modes.PathKeys.Contains(e.Key))).ToList());
    }
}
