using Hypergrid.Config.Search;
using Hypergrid.Config.Tree;
using Hypergrid.Config.Yaml;

namespace Hypergrid.Config.Tests.Search;

/// <summary>Search spaces parsed from YAML text, for tests of the pure methods.</summary>
internal static class Spaces
{
    public static SearchSpace Parse(string yaml, string method = "random")
    {
        var errors = new List<ConfigError>();
        var map = YamlLoader.LoadMapping(yaml, "cfg.yaml", errors)!;
        var entries = map.Entries.Select(e => new MergedEntry(e.Key, e.Value, "cfg.yaml", e.KeyMark)).ToList();
        var space = SpaceParser.Parse(entries, Modes.Sweep, method, default, errors);
        Assert.Empty(errors);
        return space!;
    }

    public static ProposalSpec Spec(ProposalMethod method, int trials, long seed = 0, int batch = 1, int startup = ProposalSpec.DefaultStartup) =>
        new(method, trials, seed, batch, startup, "val_loss", "min", "final");

    /// <summary>Runs a search in synchronous rounds against <paramref name="loss"/>; returns the losses in proposal order.</summary>
    public static List<double> Run(SearchSpace space, ProposalSpec spec, Func<double[], double> loss) =>
        InProcessSearch.Run(space, spec, loss).Select(o => o.Loss).ToList();

    /// <summary>Branin over x1 in [-5, 10], x2 in [0, 15] (minimum 0.397887).</summary>
    public static double Branin(double[] x)
    {
        const double b = 5.1 / (4 * Math.PI * Math.PI), c = 5 / Math.PI, t = 1 / (8 * Math.PI);
        return Math.Pow(x[1] - b * x[0] * x[0] + c * x[0] - 6, 2) + 10 * (1 - t) * Math.Cos(x[0]) + 10;
    }

    /// <summary>The best loss after each trial.</summary>
    public static double BestAfter(List<double> losses, int n) => losses.Take(n).Min();
}
