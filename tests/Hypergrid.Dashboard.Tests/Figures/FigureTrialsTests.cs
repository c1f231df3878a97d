using Hypergrid.Config;
using Hypergrid.Dashboard.Figures;
using Hypergrid.Dashboard.Trials;

namespace Hypergrid.Dashboard.Tests.Figures;

/// <summary>A figure looks inside the configs of the trials it draws, not of every trial under out/log.</summary>
public sealed class FigureTrialsTests : IDisposable
{
    private readonly LogTree tree = new();

    public void Dispose() => tree.Dispose();

    [Fact]
    public void Only_the_named_trials_configs_are_made_and_they_are_the_ones_the_list_shows()
    {
        for (var i = 0; i < 6; i++) tree.AddTrial($"sweep/mnist/mlp/adam/trial_00{i}", $"seed: {i}\nlr: 0.{i + 1}\n");
        tree.AddComplete("sweep/mnist/mlp/sgd/trial_000", "seed: 0\nlr: 0.9\n", 1, 2);
        var all = FigureTrials.Under(new TrialScanner(tree.Log));
        Assert.Equal(7, all.Count);
        Assert.All(all, t => Assert.False(t.Shown.IsValueCreated, t.Path));
        var picked = FigureSelection.Select(all, Filters.All, [], ["sweep/mnist/mlp/adam/trial_002"]);
        Assert.Equal("0.3", Assert.Single(picked).Config!["lr"]!.ToJsonString());
        Assert.Equal(["sweep/mnist/mlp/adam/trial_002"], all.Where(t => t.Shown.IsValueCreated).Select(t => t.Path));
        // With a key asked for, each trial of the leaves taken is looked inside.
        Assert.Single(FigureSelection.Select(all, Filters.All, ["lr=0.9"], []));
        Assert.All(all, t => Assert.True(t.Shown.IsValueCreated, t.Path));
    }
}
