using System.Runtime.CompilerServices;
using Hypergrid.Trials.Logs;

namespace Hypergrid.Dashboard.Api;

/// <summary>
/// What every POST /api/epochs answer needs of a table beyond its values, worked out once per table: its phases in order
/// of first appearance, each row's phase as an index into them, its filled and reported metrics. The store keeps a
/// complete trial's table while its batch log is unchanged, so a page's every reload and refresh reuses this; a running
/// trial's table is a new one at each refresh and is indexed afresh. (Scanning all 4,000 rows of 200 tables for each
/// of these on every request was most of the server's part of the page of 200 trials x 2,000 epochs.)
/// </summary>
internal sealed class EpochTableIndex
{
    private static readonly ConditionalWeakTable<EpochTable, EpochTableIndex> Known = new();

    private EpochTableIndex(EpochTable table)
    {
        var modes = new List<string>();
        ModeOf = new int[table.Rows];
        string? last = null;
        var lastIndex = -1;
        for (var r = 0; r < table.Rows; r++)
        {
            var phase = table.Phases[r];
            // Rows alternate between a few phases: a comparison of the names, not a lookup, for most rows.
            if (!string.Equals(phase, last, StringComparison.Ordinal))
            {
                lastIndex = modes.FindIndex(m => string.Equals(m, phase, StringComparison.Ordinal));
                if (lastIndex < 0) { lastIndex = modes.Count; modes.Add(phase); }
                last = phase;
            }
            ModeOf[r] = lastIndex;
        }
        Modes = [.. modes];
        Filled = [.. EpochSelection.Filled(table)];
        Reported = [.. EpochSelection.Reported(table)];
    }

    /// <summary>The index of a table, made at its first use.</summary>
    public static EpochTableIndex Of(EpochTable table) => Known.GetValue(table, t => new EpochTableIndex(t));

    /// <summary>The table's phases, in order of first appearance (the answer's "modes").</summary>
    public string[] Modes { get; }

    /// <summary>Per row, its phase as an index into <see cref="Modes"/>.</summary>
    public int[] ModeOf { get; }

    /// <summary><see cref="EpochSelection.Filled"/> of the table.</summary>
    public string[] Filled { get; }

    /// <summary><see cref="EpochSelection.Reported"/> of the table.</summary>
    public string[] Reported { get; }

    /// <summary>The rows of the chosen phases (null: all), in table order.</summary>
    public int[] Rows(IReadOnlySet<string>? phases)
    {
        var wanted = Modes.Select(m => phases is null || phases.Contains(m)).ToArray();
        var count = 0;
        foreach (var m in ModeOf) if (wanted[m]) count++;
        var rows = new int[count];
        var k = 0;
        for (var r = 0; r < ModeOf.Length; r++) if (wanted[ModeOf[r]]) rows[k++] = r;
        return rows;
    }
}
