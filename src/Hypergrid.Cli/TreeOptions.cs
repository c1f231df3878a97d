using System.CommandLine;
using Hypergrid.Config;
using Hypergrid.Config.Expansion;

namespace Hypergrid.Cli;

/// <summary>The options every verb that reads the cfg tree shares: where it is, where output goes, which leaves.</summary>
public sealed class TreeOptions
{
    private readonly Option<string> cfg = new("--cfg") { Description = "The config tree", DefaultValueFactory = _ => "cfg" };
    private readonly Option<string> outDir = new("--out") { Description = "The output folder (trials go to OUT/log)", DefaultValueFactory = _ => "out" };
    private readonly FilterOptions filters;
    private readonly Option<long> maxTrials = new("--max-trials")
    {
        Description = "Refuse a leaf with more trials than this", DefaultValueFactory = _ => ExpandOptions.DefaultMaxTrials,
    };

    public TreeOptions(Command command, bool withModeFilter = true)
    {
        command.Options.Add(cfg);
        command.Options.Add(outDir);
        filters = new FilterOptions(command, withModeFilter);
        command.Options.Add(maxTrials);
    }

    /// <summary>The expansion these options ask for, checked against the registries (Hypergrid.Training's schema).</summary>
    public ExpandOptions Read(ParseResult r, string? fixedMode = null)
    {
        var max = r.GetValue(maxTrials);
        if (max < 1 || max > int.MaxValue) throw new UsageException($"--max-trials must be from 1 to {int.MaxValue}");
        var options = new ExpandOptions(
            r.GetValue(cfg)!,
            r.GetValue(outDir)!,
            filters.Read(r, fixedMode))
        {
            Schema = Training.TrialSchema.Instance,
            MaxTrials = max,
        };
        OutputFolder.Check(options);
        return options;
    }
}
