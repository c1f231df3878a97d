using System.CommandLine;
using System.Globalization;
using Hypergrid.Config;
using Hypergrid.Findings;

namespace Hypergrid.Cli;

/// <summary>report's options for its tests: the level, the equivalence margin and the power of the seeds-to-decide figure.</summary>
public sealed class StatisticsOptionSet
{
    private readonly Option<string?> equivalence = new("--equivalence") { Description = "Margin D in the metric's units: a difference within ±D is tested as equivalent (two one-sided tests), replacing 'not significant'" };
    private readonly Option<string> power = new("--power") { Description = "Power at which an undecided comparison's seeds to decide are computed", DefaultValueFactory = _ => "0.8" };
    private readonly Option<string> alpha = new("--alpha") { Description = "Level of every test after Holm's correction", DefaultValueFactory = _ => "0.05" };

    public StatisticsOptionSet(Command command)
    {
        foreach (var o in new Option[] { equivalence, power, alpha }) command.Options.Add(o);
    }

    public StatisticsOptions Read(ParseResult r) => new(
        Probability(r.GetValue(alpha)!, "--alpha", "e.g. 0.05"),
        r.GetValue(equivalence) is { } d ? Margin(d) : null,
        Probability(r.GetValue(power)!, "--power", "e.g. 0.8"));

    private static double Margin(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) && d > 0 ? d
        : throw new UsageException($"--equivalence {text} is not a positive number; give the margin in the metric's units, e.g. --equivalence 0.005 for half a point of accuracy");

    private static double Probability(string text, string option, string example) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var p) && p > 0 && p < 1 ? p
        : throw new UsageException($"{option} {text} is not a probability between 0 and 1 (exclusive); {example}");
}
