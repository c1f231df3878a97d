using Hypergrid.Config;

namespace Hypergrid.Findings.Tests;

/// <summary>
/// What a report's groups carry as their values: the keys that tell the groups of a section apart, within a leaf and
/// between leaves (what the page's Results plot by), but not a key only some leaves have.
/// </summary>
public sealed class ReportGroupsTests : IDisposable
{
    private readonly TrialLog log = new();

    public void Dispose() => log.Dispose();

    private IReadOnlyList<GroupRow> Groups(string section) =>
        Reporter.Build(log.Log, new ReportOptions(new Filters(null), "val_acc")).Sections.Single(s => s.Name == section).Groups;

    private static string Shown(GroupRow g) => string.Join(", ", g.Values.Select(kv => $"{kv.Key}={kv.Value?.ToJsonString()}"));

    [Fact]
    public void Leaves_of_an_experiment_that_set_lr_differently_carry_their_lr_in_their_values()
    {
        for (var s = 0; s < 2; s++)
        {
            log.Trial("experiment/mnist/mlp/sgd-lr0.1", s, $"seed: {s}\nlr: 0.1\n", 0.5 + 0.01 * s);
            log.Trial("experiment/mnist/mlp/sgd-lr0.3", s, $"seed: {s}\nlr: 0.3\n", 0.7 + 0.01 * s);
        }
        Assert.Equal(["trainer=\"sgd-lr0.1\", lr=0.1", "trainer=\"sgd-lr0.3\", lr=0.3"], Groups("experiment/mnist").Select(Shown).Order());
    }

    [Fact]
    public void A_key_every_leaf_has_but_sets_differently_is_a_value_and_a_key_of_one_models_own_is_not()
    {
        for (var s = 0; s < 2; s++)
        {
            log.Trial("experiment/mnist/cnn/adam", s, $"seed: {s}\nlr: 0.001\nbatch_size: 32\nchannels: 8\n", 0.5 + 0.01 * s);
            log.Trial("experiment/mnist/mlp/adam", s, $"seed: {s}\nlr: 0.001\nbatch_size: 64\n", 0.7 + 0.01 * s);
        }
        // lr is the same in both leaves: nothing to tell apart by it.
        Assert.Equal(["model=\"cnn\", batch_size=32", "model=\"mlp\", batch_size=64"], Groups("experiment/mnist").Select(Shown).Order());
    }

    [Fact]
    public void A_key_set_between_leaves_follows_the_keys_varied_within_a_leaf()
    {
        log.Trial("sweep/mnist/mlp/adam", 0, "seed: 0\nlr: 0.001\nwidth: 8\n", 0.5);
        log.Trial("sweep/mnist/mlp/adam", 1, "seed: 0\nlr: 0.001\nwidth: 16\n", 0.6);
        log.Trial("sweep/mnist/mlp/sgd", 0, "seed: 0\nlr: 0.1\nwidth: 8\n", 0.7);
        Assert.Equal(["trainer=\"adam\", width=16, lr=0.001", "trainer=\"adam\", width=8, lr=0.001", "trainer=\"sgd\", width=8, lr=0.1"],
            Groups("sweep/mnist").Select(Shown).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Leaves_in_other_sections_do_not_make_a_key_a_value()
    {
        for (var s = 0; s < 2; s++)
        {
            log.Trial("experiment/mnist/mlp/adam", s, $"seed: {s}\nlr: 0.1\n", 0.5 + 0.01 * s);
            log.Trial("experiment/mnist/cnn/adam", s, $"seed: {s}\nlr: 0.1\n", 0.6 + 0.01 * s);
            log.Trial("experiment/fashion/mlp/adam", s, $"seed: {s}\nlr: 0.3\n", 0.7 + 0.01 * s);
        }
        Assert.Equal(["model=\"cnn\"", "model=\"mlp\""], Groups("experiment/mnist").Select(Shown).Order());
    }
}
