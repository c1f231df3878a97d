using System.CommandLine;
using Hypergrid.Config;

namespace Hypergrid.Cli;

/// <summary>--mode, --dataset, --model, --trainer, each repeatable: which leaves a verb looks at.</summary>
public sealed class FilterOptions
{
    private readonly Option<string[]> modes = Many("--mode", "Only this mode: sweep or experiment (repeatable)");
    private readonly Option<string[]> datasets = Many("--dataset", "Only this dataset (repeatable)");
    private readonly Option<string[]> models = Many("--model", "Only this model (repeatable)");
    private readonly Option<string[]> trainers = Many("--trainer", "Only this trainer (repeatable)");

    public FilterOptions(Command command, bool withModeFilter = true)
    {
        if (withModeFilter) command.Options.Add(modes);
        command.Options.Add(datasets);
        command.Options.Add(models);
        command.Options.Add(trainers);
    }

    public Filters Read(ParseResult r, string? fixedMode = null) =>
        new(fixedMode is null ? r.GetValue(modes) : [fixedMode], r.GetValue(datasets), r.GetValue(models), r.GetValue(trainers));

    private static Option<string[]> Many(string name, string description) =>
        new(name) { Description = description, AllowMultipleArgumentsPerToken = false, Arity = ArgumentArity.ZeroOrMore };
}
