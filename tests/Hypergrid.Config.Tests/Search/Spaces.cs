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

    /// <summary>Runs a search in synchronous rounds of the spec's batch against <paramref name="loss"/>; returns the losses in proposal order.</summary>
    public static List<double> Run(SearchSpace space, ProposalSpec spec, Func<double[], double> loss)
    {
        var history = new List<Observation>();
        var losses = new List<double>();
        var k = 0;
        while (k < spec.Trials)
        {
            var roundEnd = k < spec.SeedOnly ? spec.SeedOnly : Math.Min(spec.Trials, k + spec.Batch);
            var round = new List<Observation>();
            for (; k < roundEnd; k++)
            {
                var x = Proposer.Propose(space, spec, k, history);
                var y = loss(x);
                losses.Add(y);
                round.Add(new Observation(x, y));
            }
            history.AddRange(round);
        }
        return losses;
    }

    /// <summary>The best loss after each trial.</summary>
    public static double BestAfter(List<double> losses, int n) => losses.Take(n).Min();
}
