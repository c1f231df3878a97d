using System.Globalization;
using Hypergrid.Config;

namespace Hypergrid.Dashboard.Figures;

/// <summary>
/// A trial's place in the colour rule as the page colours it (GET /api/figure's shade=group.seed.seeds): its seed
/// group's index among the page's selection, its place among that group's seeds and their number. The page sends it for
/// each trial it draws, so a figure of part of the selection (the page over its line limit) has the page's colours;
/// the colour itself is still the server's rule (<see cref="Palette"/>).
/// </summary>
public readonly record struct ColorPlace(int Group, int Seed, int Seeds)
{
    /// <summary>The colour of a trial drawn alone (ungrouped): its group's, shaded by its seed.</summary>
    public string TrialColor => Palette.Shade(Group, Seed, Seeds);

    /// <summary>The colour of the group it belongs to (grouped).</summary>
    public string GroupColor => Palette.Of(Group);

    /// <summary>"i.j.n" with 0 ≤ i, 0 ≤ j &lt; n; anything else is a usage error naming the text.</summary>
    public static ColorPlace Parse(string text)
    {
        var parts = text.Split('.');
        int[] n = new int[3];
        if (parts.Length != 3 || !parts.Select((p, i) => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out n[i])).All(ok => ok) || n[1] >= n[2])
            throw new UsageException($"shade={Visible.Short(text)} is not a colour place: write group.seed.seeds, three whole numbers with seed below seeds (e.g. shade=2.0.5), one per trial=");
        return new ColorPlace(n[0], n[1], n[2]);
    }

    /// <summary>The places sent, one per trial named (in the order trial= names them), or a usage error.</summary>
    public static IReadOnlyList<ColorPlace>? Of(IReadOnlyList<string> shades, int trials)
    {
        if (shades.Count == 0) return null;
        if (shades.Count != trials) throw new UsageException($"shade= is given {shades.Count} times for {trials} trials: send one per trial=, in the same order, or none");
        return shades.Select(Parse).ToList();
    }
}
