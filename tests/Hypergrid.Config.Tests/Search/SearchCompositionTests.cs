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

    [Fact]
    public void Tpe_with_rungs_is_refused_for_now()
    {
        var errors = new List<ConfigError>();
        ProposalSpec.Parse(Node("{method: tpe, trials: 9, rungs: [1], keep: 0.5}"), errors);
        Assert.Contains(errors, e => e.Key == "search.rungs" && e.Problem.Contains("not supported yet"));
    }
}
