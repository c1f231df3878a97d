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

    /// <summary>The best loss after each trial.</summary>
    public static double BestAfter(List<double> losses, int n) => losses.Take(n).Min();
}
