using System.Text.Json.Nodes;
using Hypergrid.Config;
using Hypergrid.Dashboard.Figures;

namespace Hypergrid.Dashboard.Tests.Figures;

/// <summary>
/// A --where that matches no trial says what it was matched against: the values the key has in the trials the other
/// filters took (the fourth audit's point 16: "no trial matches (no filter) --where lr=9").
/// </summary>
public sealed class FigureSelectionTests
{
    private static readonly List<FigureTrial> Trials = [.. new[] { ("sweep", "0.1", 32), ("sweep", "0.01", 64), ("sweep", "0.03", 32), ("experiment", "0.3", 32) }
        .Select((t, i) => new FigureTrial($"{t.Item1}/toy/net/sgd/trial_{i:D3}", $"/x/{i}", JsonNode.Parse($"{{\"lr\": {t.Item2}, \"batch_size\": {t.Item3}, \"seed\": 0}}")!.AsObject(), null))];

    private static string Refused(Filters filters, params string[] where) =>
        Assert.Throws<UsageException>(() => FigureSelection.Select(Trials, filters, where, [])).Message;

    [Fact]
    public void A_value_no_trial_has_is_told_with_the_values_the_key_has()
    {
        var message = Refused(new Filters(), "lr=9");
        Assert.StartsWith("no trial has lr=9; lr is 0.01, 0.03, 0.1 or 0.3 there (e.g. --where lr=0.01)", message);
        Assert.DoesNotContain("(no filter)", message);
    }

    [Fact]
    public void The_values_are_those_of_the_trials_the_other_filters_took()
    {
        var message = Refused(new Filters { Modes = ["sweep"] }, "batch_size=64", "lr=0.1");
        Assert.StartsWith("no trial of --mode sweep with batch_size=64 has lr=0.1; lr is 0.01 there (e.g. --where lr=0.01)", message);
    }

    [Fact]
    public void A_key_no_trial_has_is_said_so()
    {
        Assert.StartsWith("no trial has the key 'momentum' in its config; the keys are batch_size, lr, seed", Refused(new Filters(), "momentum=0.9"));
    }

    [Fact]
    public void A_mode_or_model_no_trial_has_is_told_with_the_ones_there_are()
    {
        // Audit 5's defect 5: "--mode nope" said only "no trial matches --mode nope".
        Assert.StartsWith("no trial matches --mode nope; the modes with trials are experiment or sweep (e.g. --mode experiment)", Refused(new Filters { Modes = ["nope"] }));
        Assert.StartsWith("no trial of --mode sweep matches --model cnn; the models with trials there are net (e.g. --model net)",
            Refused(new Filters { Modes = ["sweep"], Models = ["cnn"] }));
    }
}
