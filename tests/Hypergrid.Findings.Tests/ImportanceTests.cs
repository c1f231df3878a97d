using System.Text.Json.Nodes;

namespace Hypergrid.Findings.Tests;

public class ImportanceTests
{
    private static GroupRow Cell(string a, string b, double mean) =>
        new("sweep/d/m/t", new JsonObject { ["a"] = a, ["b"] = b }, ["trial_000"], [0], 1, mean, null, null, null, null, mean, mean, mean, null, null, null, false);

    [Fact]
    public void Main_effects_and_their_f_tests_in_a_complete_two_by_three_grid()
    {
        // y: a1 = (1, 2, 3), a2 = (2, 3, 5) over b1..b3. By hand: grand mean 8/3; SS total 28/3; SS a = 8/3, SS b = 19/3;
        // residual 1/3 on 6 - 1 - 1 - 2 = 2 df. F a = 16 on (1, 2): p = 1 - 4/sqrt(18) = 0.0571909 (F(1, 2) is t with 2 df);
        // F b = 19 on (2, 2): p = 1/(1 + 19) = 0.05 (F(2, 2) has CDF F/(1 + F)). Closed forms, so exact references.
        var groups = new[] { Cell("a1", "b1", 1), Cell("a1", "b2", 2), Cell("a1", "b3", 3), Cell("a2", "b1", 2), Cell("a2", "b2", 3), Cell("a2", "b3", 5) };
        var result = Importance.Of(groups)!.ToDictionary(i => i.Key);
        Assert.Equal(2.0 / 7, result["a"].Share, 10);
        Assert.Equal(19.0 / 28, result["b"].Share, 10);
        Assert.Equal(1 - 4 / Math.Sqrt(18), result["a"].P!.Value, 8);
        Assert.Equal(0.05, result["b"].P!.Value, 8);
    }

    [Fact]
    public void An_incomplete_grid_or_a_single_key_gets_no_importance()
    {
        Assert.Null(Importance.Of([Cell("a1", "b1", 1), Cell("a1", "b2", 2), Cell("a2", "b1", 2)]));
        var oneKey = new[] { 1.0, 2.0, 3.0 }.Select((m, i) => Cell("a1", "b" + i, m) with { Values = new JsonObject { ["b"] = "b" + i } }).ToList();
        Assert.Null(Importance.Of(oneKey));
    }
}
