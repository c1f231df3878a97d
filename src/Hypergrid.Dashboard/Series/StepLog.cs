using System.Text;
using Hypergrid.Trials.Logs;

namespace Hypergrid.Dashboard.Series;

/// <summary>
/// A trial's batch log by step: for each phase, the rows in file order, each at its train step (the number of train rows
/// before it in the file: a train row's ordinal, and for a val row the train batches done when its pass ran), and for
/// each metric asked for so far, a <see cref="Pyramid"/> over the phase's rows. A metric is read from the file the first time it is asked for;
/// after that only the bytes appended since the last look are read (a growing partial log), and only whole lines.
/// A log rewritten from the start (a new attempt) is read afresh. A non-train row without a <c>samples</c> count is
/// read at the count of the last train row before it (<see cref="XScale.LoggedSamples"/>).
/// </summary>
public sealed class StepLog
{
    private const int Chunk = 4 << 20;
    private string[] header = [];
    private int modeCol = -1;
    private int headerLength;
    private long consumed;
    private byte[] head = [];
    private readonly LogFingerprint fingerprint = new();
    private readonly Dictionary<string, int> rows = [];
    private readonly Dictionary<string, List<int>> steps = [];

    /// <summary>The phase whose rows count the steps.</summary>
    public const string StepPhase = "train";

    /// <summary>The cache's name for the steps of each phase's rows (not a column name: a column cannot hold ':').</summary>
    private const string StepColumn = ":step";
    private readonly Dictionary<(string Phase, string Metric), Pyramid> series = [];
    private readonly HashSet<string> loaded = [];

    /// <summary>The numeric columns of the log (what metrics a request may name).</summary>
    public IEnumerable<string> Metrics => header.Where(h => BatchLogSchema.ReductionOf(h) is not (Reduction.Key or Reduction.Drop) || h == "time");

    public int Rows(string phase) => rows.GetValueOrDefault(phase);

    /// <summary>The phases seen so far, and always train and val (a phase with no row yet answers empty).</summary>
    public IEnumerable<string> Phases => rows.Keys.Union(["train", "val"]);

    public Pyramid? Series(string phase, string metric) => series.GetValueOrDefault((phase, metric));

    /// <summary>One past the last step of any row: the step axis' length.</summary>
    public int Extent => Math.Max(rows.GetValueOrDefault(StepPhase), steps.Values.Where(s => s.Count > 0).Select(s => s[^1] + 1).DefaultIfEmpty(0).Max());

    /// <summary>The rows of a phase whose step is in [from, to): steps never decrease in file order, so a binary search.</summary>
    public (int From, int To) RowsAt(string phase, long from, long to)
    {
        if (!steps.TryGetValue(phase, out var at)) return (0, 0);
        return (LowerBound(at, from), LowerBound(at, to));
    }

    /// <summary>The step of a phase's row.</summary>
    public int StepOf(string phase, int row) => steps[phase][row];

    private static int LowerBound(List<int> at, long step)
    {
        int lo = 0, hi = at.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (at[mid] < step) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /// <summary>
    /// Brings the log up to date and makes sure these metrics are loaded. False when the file has no usable header.
    /// With <paramref name="cache"/> (a finished log's), metrics are read from and written to its step cache.
    /// </summary>
    public bool Refresh(FileStream stream, IReadOnlyCollection<string> metrics, StepCache? cache = null)
    {
        if (stream.Length < consumed || !SameHead(stream) || !fingerprint.Matches(stream)) Reset();
        if (header.Length == 0 && !ReadHeader(stream)) return false;
        if (cache is not null && loaded.Count == 0 && cache.TryLoad(metrics.Where(m => Metrics.Contains(m)).Distinct().Append(StepColumn).ToList(), out var cached, out var counts))
        {
            // A finished log does not grow: what the cache holds is all of it.
            foreach (var ((phase, metric), values) in cached)
            {
                if (metric == StepColumn) { steps[phase] = values.Select(v => (int)v).ToList(); continue; }
                var p = new Pyramid();
                p.Append(values);
                series[(phase, metric)] = p;
                loaded.Add(metric);
            }
            foreach (var (phase, n) in counts) rows[phase] = n;
            consumed = stream.Length;
            fingerprint.Remember(stream, consumed);
            return true;
        }
        // Only columns of this log are read; the caller reports the others.
        var missing = metrics.Where(m => !loaded.Contains(m) && Metrics.Contains(m)).Distinct().ToList();
        // New metrics are read from the start up to where the others are; then all continue together with the new lines.
        if (missing.Count > 0) Scan(stream, missing, until: consumed, countRows: false);
        loaded.UnionWith(missing);
        consumed = Scan(stream, loaded.ToList(), until: stream.Length, countRows: true, from: consumed);
        fingerprint.Remember(stream, consumed);
        if (cache is not null && missing.Count > 0)
        {
            foreach (var metric in missing)
                cache.Save(metric, rows.Keys.ToDictionary(p => p, p => series.TryGetValue((p, metric), out var s) ? s.Values : []));
            cache.Save(StepColumn, rows.Keys.ToDictionary(p => p, p => steps.TryGetValue(p, out var at) ? at.Select(v => (double)v).ToArray() : []));
        }
        return true;
    }

    private void Reset()
    {
        header = [];
        headerLength = 0;
        consumed = 0;
        head = [];
        fingerprint.Clear();
        rows.Clear();
        steps.Clear();
        series.Clear();
        loaded.Clear();
    }

    // The header as every reader reads it (any length, a byte-order mark or not).
    private bool ReadHeader(FileStream stream)
    {
        if (BatchLogHeader.Read(stream) is not { Phase: >= 0 } read) return false;
        header = [.. read.Names];
        modeCol = read.Phase;
        headerLength = read.Length;
        head = new byte[Math.Min(stream.Length, 4096)];
        stream.Seek(0, SeekOrigin.Begin);
        head = head[..stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false)];
        consumed = headerLength;
        return true;
    }

    /// <summary>
    /// Reads whole lines from <paramref name="from"/> (or the first data line) to the end (or <paramref name="until"/>),
    /// appending the given metrics' values per phase; counts rows when asked. Returns where the last whole line ended.
    /// </summary>
    private long Scan(FileStream stream, List<string> metrics, long until, bool countRows, long from = -1)
    {
        var cols = metrics.Select(m => Array.IndexOf(header, m)).ToArray();
        var dataStart = headerLength;
        var start = from < 0 ? dataStart : Math.Max(from, dataStart);
        var end = until;
        var pending = new Dictionary<string, List<double>[]>();
        stream.Seek(start, SeekOrigin.Begin);
        var buffer = new byte[Chunk];
        var carry = 0;
        // A val row without a samples count takes the count of the last train row before it (continuing a log: the
        // last count its train rows had so far).
        var lastCount = from > dataStart ? LastTrainCount() : double.NaN;
        var pos = start;
        while (pos < end)
        {
            var want = (int)Math.Min(buffer.Length - carry, end - pos);
            var n = stream.ReadAtLeast(buffer.AsSpan(carry, want), want, throwOnEndOfStream: false);
            if (n == 0) break;
            pos += n;
            var span = buffer.AsSpan(0, carry + n);
            var lastNl = span.LastIndexOf((byte)'\n');
            if (lastNl < 0) { carry += n; if (carry == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2); continue; }
            Lines(span[..(lastNl + 1)], cols, metrics, pending, countRows, ref lastCount);
            var rest = span[(lastNl + 1)..];
            rest.CopyTo(buffer);
            carry = rest.Length;
        }
        foreach (var (phase, lists) in pending)
            for (var m = 0; m < metrics.Count; m++)
            {
                if (!series.TryGetValue((phase, metrics[m]), out var p)) series[(phase, metrics[m])] = p = new Pyramid();
                p.Append(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(lists[m]));
            }
        return pos - carry;
    }

    /// <summary>The last samples count of the train rows read so far (NaN: none).</summary>
    private double LastTrainCount()
    {
        if (series.GetValueOrDefault((StepPhase, XScale.LoggedSamples)) is not { } counts) return double.NaN;
        for (var r = counts.Count - 1; r >= 0; r--)
            if (!double.IsNaN(counts[r])) return counts[r];
        return double.NaN;
    }

    private void Lines(ReadOnlySpan<byte> text, int[] cols, List<string> metrics, Dictionary<string, List<double>[]> pending, bool countRows, ref double lastCount)
    {
        var samplesAt = metrics.IndexOf(XScale.LoggedSamples);
        Span<int> starts = header.Length <= 512 ? stackalloc int[header.Length] : new int[header.Length];
        Span<int> lengths = header.Length <= 512 ? stackalloc int[header.Length] : new int[header.Length];
        while (BatchLogLine.Next(ref text, out var line))
        {
            if (!BatchLogLine.Split(line, starts, lengths)) continue; // a damaged line, as the epoch log skips it
            var phase = Phase(line.Slice(starts[modeCol], lengths[modeCol]));
            if (countRows)
            {
                if (!steps.TryGetValue(phase, out var stepsOf)) steps[phase] = stepsOf = [];
                stepsOf.Add(rows.GetValueOrDefault(StepPhase)); // train rows before this one
                rows[phase] = rows.GetValueOrDefault(phase) + 1;
            }
            if (!pending.TryGetValue(phase, out var lists)) pending[phase] = lists = metrics.Select(_ => new List<double>()).ToArray();
            for (var m = 0; m < cols.Length; m++)
            {
                var cell = line.Slice(starts[cols[m]], lengths[cols[m]]);
                var value = cell.Length > 0 && FastNumber.TryParse(cell, out var v) ? v : double.NaN;
                if (m == samplesAt)
                {
                    // The samples axis places a pass as the step axis does, after the train batches done: a program
                    // that counts samples on its train rows only (val cells empty) has its passes at that count.
                    if (phase == StepPhase) { if (!double.IsNaN(value)) lastCount = value; }
                    else if (double.IsNaN(value)) value = lastCount;
                }
                lists[m].Add(value);
            }
        }
    }

    // Phases are few ("train", "val"): one string each, not one per row.
    private readonly List<(byte[] Bytes, string Name)> phaseNames = [];

    private string Phase(ReadOnlySpan<byte> cell)
    {
        foreach (var (bytes, name) in phaseNames) if (cell.SequenceEqual(bytes)) return name;
        var fresh = Encoding.UTF8.GetString(cell);
        phaseNames.Add((cell.ToArray(), fresh));
        return fresh;
    }

    private bool SameHead(FileStream stream)
    {
        if (head.Length == 0) return true;
        var now = new byte[head.Length];
        stream.Seek(0, SeekOrigin.Begin);
        return stream.ReadAtLeast(now, now.Length, throwOnEndOfStream: false) == now.Length && now.AsSpan().SequenceEqual(head);
    }
}
