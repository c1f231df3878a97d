namespace Hypergrid.Dashboard.Api;

/// <summary>An epoch log's CSV cut into cells once (rows with the wrong number of cells are dropped), for the writers of /api/epochs.</summary>
public sealed class EpochTable
{
    private readonly string[] lines;
    private readonly int[,] starts;
    private readonly int[,] lengths;

    public EpochTable(string csv)
    {
        lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Names = lines.Length > 0 ? lines[0].Split(',') : [];
        starts = new int[Math.Max(0, lines.Length - 1), Names.Length];
        lengths = new int[Math.Max(0, lines.Length - 1), Names.Length];
        for (var l = 1; l < lines.Length; l++)
        {
            var line = lines[l].AsSpan();
            int c = 0, pos = 0;
            for (; c < Names.Length && pos <= line.Length; c++)
            {
                var comma = line[pos..].IndexOf(',');
                var len = comma < 0 ? line.Length - pos : comma;
                starts[Rows, c] = pos;
                lengths[Rows, c] = len;
                pos += len + 1;
            }
            if (c == Names.Length && pos > line.Length) lines[++Rows] = lines[l];
        }
    }

    public string[] Names { get; }
    public int Rows { get; }

    public ReadOnlySpan<char> Cell(int row, int column) => lines[row + 1].AsSpan(starts[row, column], lengths[row, column]);
}
