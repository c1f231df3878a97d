using System.Text;
using System.Text.Json.Nodes;

namespace Hypergrid.Findings.Tests;

public class BinnedImportanceTests
{
    private static GroupRow Row(double mean, JsonObject values) =>
        new("sweep/d/m/t", values, ["trial_000"], [0], 1, mean, null, null, null, null, mean, mean, mean, null, null, null, false);

    // 24 trials of a search: lr drives the metric, dropout is noise-free but irrelevant, opt adds a small step.
    private static List<GroupRow> Search()
    {
        var rows = new List<GroupRow>();
        for (var i = 0; i < 24; i++)
        {
            var lr = Math.Pow(10, -5 + 4.0 * ((i * 7) % 24) / 23);
            var dropout = ((i * 5) % 24) / 48.0;
            var opt = i % 2 == 0 ? "adam" : "sgd";
            var mean = -Math.Abs(Math.Log10(lr) + 3) + (opt == "adam" ? 0.05 : 0) + 0.001 * Math.Sin(i);
            rows.Add(Row(mean, new JsonObject { ["lr"] = lr, ["dropout"] = dropout, ["opt"] = opt }));
        }
        return rows;
    }

    [Fact]
    public void A_search_over_ranges_ranks_the_key_that_drives_the_metric_first_and_says_it_binned_it()
    {
        var result = Importance.Of(Search())!;
        Assert.Equal("lr", result[0].Key);
        Assert.Equal(BinnedImportance.Bins, result[0].Bins);
        Assert.True(result[0].P < 0.01, $"p {result[0].P}");
        var dropout = result.Single(k => k.Key == "dropout");
        Assert.True(dropout.Share < 0.3, $"dropout's share {dropout.Share}");
        Assert.Null(result.Single(k => k.Key == "opt").Bins);
    }

    [Fact]
    public void Quantile_bins_hold_about_equal_counts_and_equal_values_share_a_bin()
    {
        var bins = BinnedImportance.QuantileBins([5, 1, 2, 2, 3, 8, 7, 6]);
        Assert.Equal(["q2", "q0", "q0", "q0", "q1", "q3", "q3", "q2"], bins);
        Assert.Equal(4, BinnedImportance.QuantileBins(Enumerable.Range(0, 100).Select(i => (double)i).ToArray()).GroupBy(b => b).Count(g => g.Count() == 25));
    }

    [Fact]
    public void A_key_an_option_brings_is_absent_in_the_other_options_trials_and_that_is_a_level()
    {
        var rows = Search().Select((r, i) => i % 2 == 0 ? r with { Values = new JsonObject(r.Values.Select(kv => KeyValuePair.Create(kv.Key, kv.Value?.DeepClone()))) { ["beta1"] = 0.9 } } : r).ToList();
        var beta1 = Importance.Of(rows)!.Single(k => k.Key == "beta1");
        Assert.Null(beta1.Bins);
        Assert.True(beta1.Share > 0, "present against absent is a level");
    }

    [Fact]
    public void The_report_text_says_which_keys_were_binned()
    {
        var importance = new Dictionary<string, IReadOnlyList<KeyImportance>> { ["sweep/d/m/t"] = Importance.Of(Search())! };
        var report = new Report("val_acc", "max", "final", null, "dataset", [], [], importance);
        var sb = new StringBuilder();
        ReportText.AppendImportance(sb, report, "sweep/d/m/t", "- ");
        var text = sb.ToString();
        Assert.Contains("continuous keys cut into quantile bins", text);
        Assert.Contains("- lr (4 quantile bins): ", text);
        Assert.Contains("- opt: ", text);
    }
}
