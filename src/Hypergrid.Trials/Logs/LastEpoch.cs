using System.Globalization;

namespace Hypergrid.Trials.Logs;

/// <summary>
/// Whether a batch log's last epoch is closed: it has as many rows of each phase as the epoch before it (so its train
/// pass is whole, and when the epochs before had val rows, it has its val rows). What a program stopped during its
/// last epoch must show before its exit 0 makes the trial complete: reaching the epoch's number is not finishing it.
/// A first epoch has nothing to be measured against, and is not taken as closed. Pure.
/// </summary>
public static class LastEpoch
{
    /// <summary>Why the last epoch of <paramref name="table"/> is not closed (e.g. "epoch 2 has no val rows (epoch 1 had 1)"), or null when it is.</summary>
    public static string? NotClosed(EpochTable? table)
    {
        if (table is null || table.Rows == 0) return "the log has no rows";
        var last = table.Epochs.Max();
        var before = table.Epochs.Where(e => e < last).DefaultIfEmpty(long.MinValue).Max();
        if (before == long.MinValue) return $"epoch {last} is the log's first: no epoch before it shows how many rows close one";
        foreach (var row in Enumerable.Range(0, table.Rows).Where(r => table.Epochs[r] == before))
        {
            var phase = table.Phases[row];
            var had = Batches(table, row);
            var at = Enumerable.Range(0, table.Rows).FirstOrDefault(r => table.Epochs[r] == last && table.Phases[r] == phase, -1);
            if (at < 0) return $"epoch {last} has no {phase} rows (epoch {before} had {had.ToString(CultureInfo.InvariantCulture)})";
            var has = Batches(table, at);
            if (has < had) return $"epoch {last} has {has.ToString(CultureInfo.InvariantCulture)} {phase} rows of the {had.ToString(CultureInfo.InvariantCulture)} epoch {before} had";
        }
        return null;
    }

    private static long Batches(EpochTable table, int row) => (long)(table.Get(row, EpochTable.BatchesColumn) ?? 0);
}
