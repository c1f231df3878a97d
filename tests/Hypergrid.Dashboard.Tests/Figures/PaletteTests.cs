using Hypergrid.Dashboard.Figures;

namespace Hypergrid.Dashboard.Tests.Figures;

/// <summary>The groups' colours: told apart on paper and with a colour-vision deficiency, and each group's colour its own whatever else is drawn.</summary>
public sealed class PaletteTests
{
    [Fact]
    public void Any_two_of_the_first_twelve_colours_are_far_apart_in_ciede2000()
    {
        // Okabe and Ito's closest two (orange and yellow) are 21.7 apart; the golden-angle hues put two greens 6 apart.
        var (d, a, b) = Closest(12, null);
        Assert.True(d >= 20, $"{a} and {b} are only {d:0.0} apart");
    }

    [Fact]
    public void Any_two_of_the_first_twelve_colours_stay_apart_with_each_full_dichromacy()
    {
        // Okabe and Ito's own 8 keep about 11 under these simulations; the golden-angle hues fell to 1.5.
        foreach (var deficiency in ColourDifference.DeficiencyNames)
        {
            var (d, a, b) = Closest(12, deficiency);
            Assert.True(d >= 9, $"with {deficiency}, {a} and {b} are only {d:0.0} apart");
        }
    }

    [Fact]
    public void A_colour_depends_on_its_index_alone_and_the_first_eight_are_okabe_and_itos()
    {
        Assert.Equal(["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"], Enumerable.Range(0, 8).Select(Palette.Of));
        var many = Enumerable.Range(0, 60).Select(Palette.Of).ToList();
        Assert.Equal(60, many.Distinct().Count());
        Assert.All(many, c => Assert.Matches("^#[0-9A-F]{6}$", c));
    }

    [Fact]
    public void Ungrouped_a_trial_takes_its_seed_groups_colour_its_later_seeds_lighter_shades()
    {
        FigureTrial T(int i, double lr, int seed) => new($"sweep/d/m/t/trial_{i:D3}", "/nowhere", new System.Text.Json.Nodes.JsonObject { ["lr"] = lr, ["seed"] = seed }, null);
        // The same literals colors.test.mjs asks of the page's shade().
        Assert.Equal(["#0072B2", "#D55E00", "#4D9CC9"], FigureBuilder.TrialColors([T(0, 0.1, 0), T(1, 0.01, 0), T(2, 0.1, 1)]));
        Assert.Equal("#666666", Palette.Shade(6, 2, 3)); // black, 0.4 of the way to white
        Assert.Equal(Palette.Of(3), Palette.Shade(3, 0, 5));
    }

    private static (double D, string A, string B) Closest(int n, string? deficiency)
    {
        var colours = Enumerable.Range(0, n).Select(Palette.Of).ToList();
        var seen = colours.Select(c => ColourDifference.Seen(c, deficiency)).ToList();
        return (from i in Enumerable.Range(0, n) from j in Enumerable.Range(i + 1, n - i - 1)
                select (ColourDifference.De2000(seen[i], seen[j]), colours[i], colours[j])).Min();
    }
}
