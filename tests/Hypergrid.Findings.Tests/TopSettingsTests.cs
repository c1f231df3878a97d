using System.Text.Json.Nodes;
using Hypergrid.Config;

namespace Hypergrid.Findings.Tests;

/// <summary>promote --top K takes the K best settings of a leaf, ties to the earlier trial, a setting once, and says when there are fewer than K.</summary>
public sealed class TopSettingsTests
{
    private static GroupRow G(string trial, double mean, string config) =>
        GroupRow.Of("sweep/d/m/t", [mean]) with { Trials = [trial], Config = JsonNode.Parse(config)!.AsObject() };

    [Theory]
    [InlineData("max")]
    [InlineData("min")]
    public void The_k_best_by_the_goal_are_ranked_and_named_by_what_differs_between_them(string goal)
    {
        var groups = new[] { G("trial_000", 0.5, """{"lr": 0.1, "epochs": 3}"""), G("trial_001", 0.9, """{"lr": 0.01, "epochs": 3}"""), G("trial_002", 0.7, """{"lr": 0.001, "epochs": 3}""") };
        var top = TopSettings.Of(groups, goal, 2, "sweep/d/m/t", "val_acc");
        var expected = goal == "max" ? new[] { ("trial_001", "lr=0.01"), ("trial_002", "lr=0.001") } : [("trial_000", "lr=0.1"), ("trial_002", "lr=0.001")];
        Assert.Equal(expected, top.Select(s => (s.Group.Trials[0], s.Label)));
        Assert.Equal([1, 2], top.Select(s => s.Rank));
    }

    [Fact]
    public void Ties_rank_the_earlier_trial_first_whatever_order_the_groups_come_in()
    {
        var a = G("trial_004", 0.8, """{"lr": 0.1}""");
        var b = G("trial_001", 0.8, """{"lr": 0.2}""");
        var c = G("trial_002", 0.5, """{"lr": 0.3}""");
        Assert.Equal(["trial_001"], TopSettings.Of([a, b, c], "max", 1, "sweep/d/m/t", "val_acc").Select(s => s.Group.Trials[0]));
        Assert.Equal(["trial_001", "trial_004"], TopSettings.Of([c, b, a], "max", 2, "sweep/d/m/t", "val_acc").Select(s => s.Group.Trials[0]));
    }

    [Fact]
    public void A_setting_that_several_groups_share_counts_once_by_its_best()
    {
        // The same config on other data (or code) is another group, not another setting.
        var groups = new[] { G("trial_000", 0.9, """{"lr": 0.1}"""), G("trial_003", 0.8, """{"lr": 0.1}"""), G("trial_001", 0.7, """{"lr": 0.2}""") };
        var top = TopSettings.Of(groups, "max", 2, "sweep/d/m/t", "val_acc");
        Assert.Equal(["trial_000", "trial_001"], top.Select(s => s.Group.Trials[0]));
        Assert.Throws<UsageException>(() => TopSettings.Of(groups, "max", 3, "sweep/d/m/t", "val_acc"));
    }

    [Theory]
    [InlineData(3, "--top 3: sweep/d/m/t has 2 setting(s)", "use --top 2 or fewer")]
    [InlineData(0, "--top 0: K must be at least 1", "--top 3")]
    public void More_than_there_are_or_less_than_one_is_an_error_that_says_what_to_ask_instead(int k, string said, string fix)
    {
        var groups = new[] { G("trial_000", 0.9, """{"lr": 0.1}"""), G("trial_001", 0.7, """{"lr": 0.2}""") };
        var ex = Assert.Throws<UsageException>(() => TopSettings.Of(groups, "max", k, "sweep/d/m/t", "val_acc"));
        Assert.Contains(said, ex.Message);
        Assert.Contains(fix, ex.Message);
    }
}
