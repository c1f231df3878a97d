using System.CommandLine;
using Hypergrid.Findings;

namespace Hypergrid.Cli;

/// <summary>report's options for its tests: the level, the equivalence margin and the power of the seeds-to-decide figure.</summary>
public sealed class StatisticsOptionSet
{
    private readonly Option<string?> equivalence = new("--equivalence") { Description = "Margin D in the metric's units: a difference within ±D is tested as equivalent (two one-sided tests), replacing 'not significant'" };
    private readonly Option<string?> power = new("--power") { Description = "Power at which an undecided comparison's seeds to decide are computed (default 0.8)" };
    private readonly Option<string?> alpha = new("--alpha") { Description = "Level of every test after Holm's correction (default 0.05)" };

    public StatisticsOptionSet(Command command)
    {
        foreach (var o in new Option[] { equivalence, power, alpha }) command.Options.Add(o);
    }

    public StatisticsOptions Read(ParseResult r) => StatisticsOptions.Parse(r.GetValue(alpha), r.GetValue(equivalence), r.GetValue(power), "--");
}
