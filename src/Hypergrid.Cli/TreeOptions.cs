using System.CommandLine;
using Hypergrid.Config;
using Hypergrid.Config.Expansion;

namespace Hypergrid.Cli;

/// <summary>The options every verb that reads the cfg tree shares: where it is, where output goes, which leaves.</summary>
public sealed class TreeOptions
{
    private readonly Option<string> cfg = new("--cfg") { Description = "The config tree", DefaultValueFactory = _ => "cfg" };
    private readonly Option<string> outDir = new("--out") { Description = "The output folder (trials go to OUT/log)", DefaultValueFactory = _ => "out" };
    private readonly Option<string[]> modes = Many("--mode", "Only this mode: sweep or experiment (repeatable)");
    private readonly Option<string[]> datasets = Many("--dataset", "Only this dataset (repeatable)");
    private readonly Option<string[]> models = Many("--model", "Only this model (repeatable)");
    private readonly Option<string[]> trainers = Many("--trainer", "Only this trainer (repeatable)");
    private readonly Option<long> maxTrials = new("--max-trials")
    {
        Description = "Refuse a leaf with more trials than this", DefaultValueFactory = _ => ExpandOptions.DefaultMaxTrials,
    };

    public TreeOptions(Command command, bool withModeFilter = true)
    {
        command.Options.Add(cfg);
        command.Options.Add(outDir);
        if (withModeFilter) command.Options.Add(modes);
        command.Options.Add(datasets);
        command.Options.Add(models);
        command.Options.Add(trainers);
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
            new Filters(fixedMode is null ? r.GetValue(modes) : [fixedMode], r.GetValue(datasets), r.GetValue(models), r.GetValue(trainers)))
        {
            Schema = Training.TrialSchema.Instance,
            MaxTrials = max,
        };
        OutputFolder.Check(options);
        return options;
    }

    private static Option<string[]> Many(string name, string description) =>
        new(name) { Description = description, AllowMultipleArgumentsPerToken = false, Arity = ArgumentArity.ZeroOrMore };
}
