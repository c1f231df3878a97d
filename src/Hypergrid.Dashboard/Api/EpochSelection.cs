using Hypergrid.Trials.Logs;

namespace Hypergrid.Dashboard.Api;

/// <summary>
/// The part of the epoch tables a page asks for: only some columns (null: all) of the rows of some phases (null: all).
/// A page drawing the train loss of 200 trials x 2,000 epochs needs one column of half the rows, a sixth of the table.
/// </summary>
public sealed record EpochSelection(IReadOnlySet<string>? Columns, IReadOnlySet<string>? Phases)
{
    /// <summary>Every column of every row.</summary>
    public static readonly EpochSelection All = new(null, null);

    /// <summary>The rows of the chosen phases, in table order.</summary>
    public int[] Rows(EpochTable table) => EpochTableIndex.Of(table).Rows(Phases);

    /// <summary>The indices of the chosen columns the table has, in table order.</summary>
    public int[] ColumnsOf(EpochTable table) =>
        Enumerable.Range(0, table.Columns.Count).Where(c => Columns is null || Columns.Contains(table.Columns[c])).ToArray();

    /// <summary>
    /// The table's metric columns with a finite value in any row (chosen or not): the page's list of metrics to offer
    /// comes from here, so it need not load a column to know that it is worth offering.
    /// </summary>
    public static IEnumerable<string> Filled(EpochTable table)
    {
        var values = table.Values;
        for (var c = 0; c < table.Columns.Count; c++)
            for (var r = 0; r < table.Rows; r++)
                if (double.IsFinite(values[r][c])) { yield return table.Columns[c]; break; }
    }

    /// <summary>
    /// The metrics the Results may rank this trial by, as the report names them (phase_column: val_loss, train_bleu):
    /// each phase's columns with a value in some row of that phase. A schema column no row fills (a program that logs
    /// no grad_norm; grad_norm in val rows) is none, so the page does not offer a metric the report must refuse.
    /// </summary>
    public static IEnumerable<string> Reported(EpochTable table)
    {
        var values = table.Values;
        var columns = table.Columns.Count;
        var found = new List<string>();
        // Per phase, the columns already found: a name is made once, not per cell (200 trials x 4,000 rows x 10 columns
        // made 8 million strings, a fifth of a second of every page's first load).
        var done = new Dictionary<string, bool[]>(StringComparer.Ordinal);
        string? phase = null;
        bool[] doneHere = [];
        for (var r = 0; r < table.Rows; r++)
        {
            if (!ReferenceEquals(table.Phases[r], phase))
            {
                phase = table.Phases[r];
                if (!done.TryGetValue(phase, out doneHere!)) done[phase] = doneHere = new bool[columns];
            }
            var row = values[r];
            for (var c = 0; c < columns; c++)
                if (!doneHere[c] && double.IsFinite(row[c]) && table.Columns[c] != EpochTable.BatchesColumn)
                {
                    doneHere[c] = true;
                    found.Add(phase + "_" + table.Columns[c]);
                }
        }
        return found;
    }
}
