using System.Globalization;

namespace Hypergrid.Findings;

/// <summary>
/// The columns every table format carries for a metric, in one place so that the terminal, Markdown and LaTeX say the
/// same things (CSV and JSON carry the same figures as numbers), and the caption that says what each one is.
/// </summary>
public static class ReportColumns
{
    /// <summary>The figures after a metric's mean ± std cell, headed by <paramref name="prefix"/> when a table has several metrics.</summary>
    public static IReadOnlyList<ReportColumn> Of(string prefix) =>
    [
        new(prefix + "95% CI (t)", g => Range(g.CiLow, g.CiHigh)),
        new(prefix + "95% CI (bootstrap)", g => Range(g.BootLow, g.BootHigh)),
        new(prefix + "IQM", g => F(g.Iqm)),
        new(prefix + "Δ", g => F(g.Delta)),
        new(prefix + "Δ 95% CI (bootstrap)", g => Range(g.DiffLow, g.DiffHigh)),
        new(prefix + "p", P),
        new(prefix + "p Holm", g => Pv(g.PHolm)),
        new(prefix + "p sign-flip", g => Pv(g.PPerm) + (g.PermMethod == "monte carlo" ? " (MC)" : "")),
        new(prefix + "P(improve)", g => g.Poi?.ToString("0.00", CultureInfo.InvariantCulture) ?? ""),
        new(prefix + "verdict", g => g.Verdict ?? ""),
        new(prefix + "seeds to decide", Seeds),
    ];

    /// <summary>0.9475 ± 0.0015 (n=5); one trial is its value and n=1.</summary>
    public static string Cell(GroupRow g) => g.Std is { } s ? $"{F(g.Mean)} ± {F(s)} (n={g.N})" : $"{F(g.Mean)} (n=1)";

    /// <summary>The p of the t-test and which test it was.</summary>
    public static string P(GroupRow g) => g.P is { } p ? Pv(p) + (g.Test == "paired" ? " (paired)" : g.Test == "welch" ? " (Welch)" : "") : "";

    /// <summary>For an undecided comparison, the seeds per group that would decide it, and which way.</summary>
    public static string Seeds(GroupRow g) =>
        g.Verdict != "undecided" ? "" : g.SeedsNeeded is { } n ? $"{n} ({g.SeedsDecide})" : $"more than {Statistics.SeedsNeeded.Cap}";

    /// <summary>What every figure of a table is, as one line: what ± is, the intervals, n, the tests, the correction, the marks.</summary>
    public static string Caption(IReadOnlyList<Report> reports)
    {
        var s = reports[0].Statistics;
        var metrics = string.Join("; ", reports.Select(r => $"{r.Metric}: {ReportText.Reduction(r)} epoch, {r.Goal} is better"));
        var alpha = s.Alpha.ToString(CultureInfo.InvariantCulture);
        var equivalence = s.Equivalence is { } d
            ? $"equivalent: within ±{d.ToString(CultureInfo.InvariantCulture)} by two one-sided t-tests, Holm-corrected; "
            : "no equivalence margin given (--equivalence D tests one); ";
        return $"{metrics}. Cells: mean ± sample standard deviation (n - 1) over n seeds. "
            + $"95% CI: Student's t, and percentile bootstrap ({s.Resamples} resamples, seed {s.Seed}). IQM: interquartile mean. "
            + "Δ: mean minus the section's best (or baseline), with its bootstrap 95% CI (seeds resampled together when both ran the same seeds). "
            + "p: paired t-test when both ran the same seeds, else Welch's; p Holm: corrected (Holm) over each section's comparisons with its best. "
            + $"p sign-flip: exact permutation p of the paired differences (up to {Statistics.SignFlip.ExactUpTo} seeds; beyond, MC: {s.Resamples} seeded resamples). "
            + "P(improve): probability of beating the best (over seeds when paired, over all pairs otherwise). "
            + $"Verdict at α = {alpha}: different (p Holm < α), {equivalence}else undecided; "
            + $"seeds to decide: per group, at power {s.Power.ToString(CultureInfo.InvariantCulture)} if the observed difference and spread held (noncentral t at α/m). "
            + "Bold: the best; ≈: not significantly different from it (p Holm ≥ α).";
    }

    private static string Range(double? low, double? high) => low is { } l && high is { } h ? $"[{F(l)}, {F(h)}]" : "";

    private static string Pv(double? p) => p is { } v ? v < 0.0001 ? "<0.0001" : v.ToString("0.0000", CultureInfo.InvariantCulture) : "";

    private static string F(double? v) => ReportText.F(v);
}
