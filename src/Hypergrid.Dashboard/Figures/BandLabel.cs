namespace Hypergrid.Dashboard.Figures;

/// <summary>
/// What a figure's y label says of its lines' seeds and band: ", mean ± std of 5 seeds"; "of 1–5 seeds" when the
/// groups differ in size (a lone trial beside groups of five is not "of 5 seeds"); nothing when no group has two,
/// except a range band by step, which each bucket's rows still have: then it says so.
/// </summary>
public static class BandLabel
{
    public static string Of(string band, bool grouped, IReadOnlyList<int> groupSizes, bool byStep)
    {
        // Lines of one trial each: by step a range band is still the min–max of each bucket's rows, and a paper's
        // figure must say what its band is; by epoch one trial's range is its value (no band).
        if (band == "range" && byStep && (!grouped || groupSizes.Count == 0 || groupSizes.Max() < 2))
            return grouped ? ", mean and min–max of each bucket's rows (one seed each)" : ", with the min–max of each bucket's rows";
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
