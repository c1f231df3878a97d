using System.Text.Json.Nodes;
using Hypergrid.Dashboard.Figures;

namespace Hypergrid.Dashboard.Tests.Figures;

/// <summary>Groups are the trials that differ only by seed (and code), in the order first seen; a legend names them by what differs.</summary>
public sealed class SeedGroupsTests
{
    private static FigureTrial T(string folder, string yaml, string? code = null, bool otherCode = false) =>
        new($"sweep/d/m/t/{folder}", "/nowhere", (JsonObject)JsonNode.Parse(yaml)!, code) { OtherCode = otherCode };

    [Fact]
    public void Seeds_of_one_config_and_code_are_one_group_in_the_order_first_seen()
    {
        var trials = new[]
        {
            T("trial_000", """{"lr":0.1,"seed":0}"""), T("trial_001", """{"lr":0.01,"seed":0}"""),
            T("trial_002", """{"lr":0.1,"seed":1}"""), T("trial_003", """{"lr":0.1,"seed":2}""", code: "abc", otherCode: true),
        };
        var groups = SeedGroups.Of(trials);
        Assert.Equal([["trial_000", "trial_002"], ["trial_001"], ["trial_003"]], groups.Select(g => g.Select(t => t.Path.Split('/')[^1]).ToArray()).ToArray());
    }

    // The audit 4's defect 12: a pending seed (no run.json, so no code) was a group of its own, orange beside its
    // seeds' blue, until it started.
    [Fact]
    public void A_seed_not_yet_run_is_in_its_seeds_group_whatever_their_code()
    {
        var trials = new[]
        {
            T("trial_000", """{"lr":0.1,"seed":0}""", code: "abc"), T("trial_001", """{"lr":0.1,"seed":1}""", code: "abc"),
            T("trial_002", """{"lr":0.1,"seed":2}"""), T("trial_003", """{"lr":0.01,"seed":0}"""),
        };
        var groups = SeedGroups.Of(trials);
        Assert.Equal([["trial_000", "trial_001", "trial_002"], ["trial_003"]], groups.Select(g => g.Select(t => t.Path.Split('/')[^1]).ToArray()).ToArray());
        var colors = FigureBuilder.TrialColors(trials);
        Assert.Equal(colors[0], Palette.Shade(0, 0, 3));
        Assert.Equal(colors[2], Palette.Shade(0, 2, 3));
    }

    [Fact]
    public void One_differing_key_titles_the_legend_and_each_name_is_its_value()
    {
        var (title, names) = LegendNames.Of([T("a", """{"lr":0.001,"w":8}"""), T("b", """{"lr":1e-7,"w":8}""")], withSeed: false);
        Assert.Equal("lr", title);
        Assert.Equal(["0.001", "1e-7"], names);
    }

    [Fact]
    public void Several_differing_keys_name_each_line_key_by_key_and_a_missing_key_is_left_out()
    {
        var (title, names) = LegendNames.Of([T("a", """{"lr":0.1,"opt":"adam"}"""), T("b", """{"lr":0.2,"opt":"sgd","mom":0.9}""")], withSeed: false);
        Assert.Null(title);
        Assert.Equal(["lr=0.1, opt=adam", "lr=0.2, opt=sgd, mom=0.9"], names); // a key a line lacks is left out of its name
    }

    [Fact]
    public void Ungrouped_trials_that_differ_by_seed_are_named_by_it_and_code_alone_by_code()
    {
        var (title, names) = LegendNames.Of([T("a", """{"seed":0}"""), T("b", """{"seed":1}""")], withSeed: true);
        Assert.Equal("seed", title);
        Assert.Equal(["0", "1"], names);
        (title, names) = LegendNames.Of([T("a", "{}", "abc"), T("b", "{}", "def")], withSeed: false);
        Assert.Equal("code", title);
        Assert.Equal(["abc", "def"], names);
    }
}
