using Hypergrid.Config.Search;
using Hypergrid.Config.Yaml;

namespace Hypergrid.Config.Tests.Search;

public class SearchCompositionTests
{
    private static CfgNode Node(string yaml) => YamlLoader.LoadMapping("search: " + yaml, "cfg.yaml", [])!["search"]!;

    [Theory]
    [InlineData("{method: random, trials: 9, rungs: [1, 3], keep: 0.34}")]
    [InlineData("{method: sobol, trials: 9, rungs: [2], keep: 0.5, async: true}")]
    public void A_proposing_method_with_rungs_is_halved_over_its_trials(string yaml)
    {
        var errors = new List<ConfigError>();
        var halving = SearchSpec.Parse(Node(yaml), "sweep", 9, errors);
        var proposing = ProposalSpec.Parse(Node(yaml), errors);
        Assert.Empty(errors);
        Assert.Equal(Halving.Name, halving!.Method);
        Assert.NotEmpty(halving.Rungs);
        Assert.Equal(9, proposing!.Trials);
    }

    [Theory]
    [InlineData("{method: random, trials: 9}")]
    [InlineData("{method: tpe, trials: 9, batch: 3}")]
    public void A_proposing_method_without_rungs_trains_every_trial_to_the_end(string yaml)
    {
        var errors = new List<ConfigError>();
        Assert.Null(SearchSpec.Parse(Node(yaml), "sweep", 9, errors));
        Assert.NotNull(ProposalSpec.Parse(Node(yaml), errors));
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("{method: tpe, trials: 12, startup: 6, batch: 3, rungs: [1], keep: 0.34}")]
    [InlineData("{method: tpe, trials: 20, startup: 8, batch: 4, rungs: [1, 2], keep: 0.5}")]
    public void Tpe_with_rungs_halves_each_round_on_its_own(string yaml)
    {
        var errors = new List<ConfigError>();
        var halving = SearchSpec.Parse(Node(yaml), "sweep", 9, errors);
        var proposing = ProposalSpec.Parse(Node(yaml), errors);
        Assert.Empty(errors);
        Assert.True(halving!.InRounds);
        Assert.StartsWith("rungs [1", proposing!.Bracket);
        // Random's halving is over the whole leaf, as before.
        Assert.False(SearchSpec.Parse(Node("{method: random, trials: 9, rungs: [1]}"), "sweep", 9, errors)!.InRounds);
    }

    [Fact]
    public void The_rungs_of_tpe_are_part_of_its_fingerprint_so_a_ledger_made_under_others_is_not_this_searchs()
    {
        var space = Spaces.Parse("x: {uniform: [0, 1]}", "tpe");
        string Fingerprint(string yaml) => new SearchPlan(space, ProposalSpec.Parse(Node(yaml), [])!, []).Fingerprint;
        var plain = Fingerprint("{method: tpe, trials: 12, startup: 4, batch: 4}");
        var halved = Fingerprint("{method: tpe, trials: 12, startup: 4, batch: 4, rungs: [1], keep: 0.5}");
        Assert.NotEqual(plain, halved);
        Assert.NotEqual(halved, Fingerprint("{method: tpe, trials: 12, startup: 4, batch: 4, rungs: [2], keep: 0.5}"));
        Assert.NotEqual(halved, Fingerprint("{method: tpe, trials: 12, startup: 4, batch: 4, rungs: [1], keep: 0.25}"));
        Assert.Equal(halved, Fingerprint("{method: tpe, trials: 16, startup: 4, batch: 4, rungs: [1], keep: 0.5}")); // more trials extend it
    }

    [Theory]
    // Rounds of 2 halved twice keeping a third: 0.23 trials reach the last rung.
    [InlineData("{method: tpe, trials: 12, startup: 6, batch: 2, rungs: [1, 2], keep: 0.34}", "search.batch", "raise batch to at least 9")]
    [InlineData("{method: tpe, trials: 12, startup: 2, batch: 5, rungs: [1, 2], keep: 0.5}", "search.startup", "raise startup to at least 4")]
    // Rounds of 4, 4 and a last one of 1.
    [InlineData("{method: tpe, trials: 9, startup: 4, batch: 4, rungs: [1], keep: 0.5}", "search.trials", "every round has at least 2 trials")]
    public void A_tpe_round_too_small_to_halve_is_an_error_at_the_key_that_sizes_it(string yaml, string key, string fix)
    {
        var errors = new List<ConfigError>();
        Assert.Null(ProposalSpec.Parse(Node(yaml), errors));
        var error = Assert.Single(errors);
        Assert.Equal(key, error.Key);
        Assert.Contains("fewer than one", error.Problem);
        Assert.Contains(fix, error.Hint);
    }

    [Theory]
    [InlineData("{method: tpe, trials: 12, startup: 4, batch: 4, rungs: [1], keep: 0.5, async: true}")]
    [InlineData("{method: tpe, trials: 30, batch: 10, rungs: [1, 2], async: true}")]
    public void Tpe_with_asynchronous_halving_is_refused_because_its_rounds_could_not_be_replayed(string yaml)
    {
        var errors = new List<ConfigError>();
        Assert.Null(ProposalSpec.Parse(Node(yaml), errors));
        var error = Assert.Single(errors);
        Assert.Equal("search.async", error.Key);
        Assert.Contains("could not be replayed", error.Problem);
    }
}
