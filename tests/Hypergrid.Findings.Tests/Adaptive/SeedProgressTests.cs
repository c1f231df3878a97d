using Hypergrid.Findings.Adaptive;
using Hypergrid.Trials.Search;

namespace Hypergrid.Findings.Tests.Adaptive;

/// <summary>Where each group of a section stands after its rounds: what status, report and the page say.</summary>
public class SeedProgressTests
{
    private static readonly Dictionary<string, string> None = [];

    [Fact]
    public void Before_any_round_every_group_waits_at_start_seeds()
    {
        var p = SeedProgress.Of(["a", "b"], 3, 6, []);
        Assert.All(p, g => Assert.Equal(("waiting", 3), (g.State, g.Seeds)));
        Assert.Contains("3 seeds admitted", p[0].Describe());
    }

    [Fact]
    public void Stopped_groups_say_their_verdict_and_round_and_the_rest_wait_until_the_section_is_decided()
    {
        SeedRound r1 = new(1, 3, "a", new Dictionary<string, string> { ["c"] = "different" }, ["a", "b"]);
        var p = SeedProgress.Of(["a", "b", "c", "late"], 3, 6, [r1]).ToDictionary(g => g.Group);
        Assert.Equal(("stopped", "different", 1, 3), (p["c"].State, p["c"].Verdict, p["c"].Round, p["c"].Seeds));
        Assert.Equal("stopped at 3 seeds: different (round 1)", p["c"].Describe());
        Assert.Equal(("waiting", 4), (p["b"].State, p["b"].Seeds));
        Assert.Equal("not compared", p["late"].State);
        SeedRound r2 = new(2, 4, "a", new Dictionary<string, string> { ["b"] = "equivalent" }, []);
        p = SeedProgress.Of(["a", "b", "c"], 3, 6, [r1, r2]).ToDictionary(g => g.Group);
        Assert.Equal(("best", 4, 2), (p["a"].State, p["a"].Seeds, p["a"].Round));
        Assert.Equal(("stopped", "equivalent", 2), (p["b"].State, p["b"].Verdict, p["b"].Round));
        SeedRound atMax = new(2, 4, "a", None, []);
        Assert.Equal(("at max", "undecided"), SeedProgress.Of(["a", "b"], 3, 4, [r1, atMax]).Select(g => (g.State, g.Verdict)).Last());
    }
}
