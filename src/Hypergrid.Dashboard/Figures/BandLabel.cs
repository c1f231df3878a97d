namespace Hypergrid.Dashboard.Figures;

/// <summary>
/// What a figure's y label says of its lines' seeds and band: ", mean ± std of 5 seeds"; "of 1–5 seeds" when the
/// groups differ in size (a lone trial beside groups of five is not "of 5 seeds"); nothing when no group has two.
/// </summary>
public static class BandLabel
{
    public static string Of(string band, bool grouped, IReadOnlyList<int> groupSizes)
    {
        if (!grouped || groupSizes.Count == 0 || groupSizes.Max() < 2) return "";
        var (fewest, most) = (groupSizes.Min(), groupSizes.Max());
        var seeds = fewest == most ? $"{most} seeds" : $"{fewest}–{most} seeds";
        return band switch
        {
            "std" => $", mean ± std of {seeds}",
            "range" => $", mean and min–max of {seeds}",
            _ => $", mean of {seeds}",
        };
    }
}
