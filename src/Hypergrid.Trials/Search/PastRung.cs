namespace Hypergrid.Trials.Search;

/// <summary>
/// Programs that trained past the epoch their search rung told them to stop after (HYPERGRID_STOP_AFTER_EPOCH), and
/// what it cost: one line per leaf, as status and the end of a run say it.
/// </summary>
public static class PastRung
{
    /// <summary>"sweep/…/sgd: 2 trial(s) trained past their search rung: 3 epoch(s) …"; nothing for a leaf whose programs honoured it.</summary>
    public static IEnumerable<string> Lines(IEnumerable<TrialRecord> records) =>
        records.Where(r => r.Run?.EpochsPastRung > 0).GroupBy(r => r.Id.Leaf).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key}: {g.Count()} trial(s) trained past their search rung: {g.Sum(r => r.Run!.EpochsPastRung!.Value)} epoch(s) " +
                "that halving would have saved (the program does not stop after HYPERGRID_STOP_AFTER_EPOCH; see docs/programs.md); " +
                "their rows are kept and each decision is made at its rung");
}
