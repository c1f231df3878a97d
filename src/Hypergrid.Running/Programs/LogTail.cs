using Hypergrid.Trials.Logs;

namespace Hypergrid.Running.Programs;

/// <summary>
/// Follows a program's partial batch log for the live display: reads only what was appended since the last look and
/// keeps where training is (epoch, batch, loss of the last train row, and how many train batches an epoch has).
/// </summary>
public sealed class LogTail(string path)
{
    private long offset;
    private byte[] pending = [];
    private int epochCol = -1, phaseCol = -1, batchCol = -1, lossCol = -1, width;
    private int[] starts = [], lengths = []; // a row's cells, sized once per header: the tail runs for every row a program writes
    private bool headerRead;
    private long currentEpoch = long.MinValue;
    private int batchesThisEpoch;

    public long Epoch { get; private set; }
    public long Batch { get; private set; }
    public double Loss { get; private set; } = double.NaN;

    /// <summary>Train batches in the last finished epoch (0 until one finished).</summary>
    public int BatchesPerEpoch { get; private set; }

    /// <summary>Rows seen so far.</summary>
    public long Rows { get; private set; }

    /// <summary>
    /// Reads what was appended; true when a new row arrived. Rows are counted, but only the last train row of what was
    /// read is parsed (a display needs no more): a log growing by 10,000 rows a second costs a count of newlines.
    /// </summary>
    public bool Poll()
    {
        // Never through a link a program put in the log's place.
        using var stream = Hypergrid.Trials.SafeFiles.OpenOwn(path);
        if (stream is null) return false;
        if (stream.Length < offset) Reset(); // cut back by the program on resume: read it again
        if (stream.Length == offset) return false;
        stream.Position = offset;
        var fresh = new byte[stream.Length - offset];
        var n = stream.ReadAtLeast(fresh, fresh.Length, throwOnEndOfStream: false);
        offset += n;
        var data = pending.Length == 0 ? fresh.AsSpan(0, n) : (byte[])[.. pending, .. fresh.AsSpan(0, n)];
        var last = data.LastIndexOf((byte)'\n');
        var lines = last < 0 ? [] : data[..last];
        pending = data[(last + 1)..].ToArray();
        if (last < 0) return false;
        if (!headerRead)
        {
            // The header as every reader reads it (any length, a byte-order mark or not): 'lines' ends before a newline, so one is lent.
            var end = lines.IndexOf((byte)'\n');
            Header(BatchLogHeader.Read([.. end < 0 ? lines : lines[..end], (byte)'\n'])!);
            if (end < 0) return false;
            lines = lines[(end + 1)..];
        }
        var before = Rows;
        Rows += lines.Count((byte)'\n') + 1;
        // The last train row, searched from the end (a few val rows may follow it).
        for (var at = lines.Length; at > 0;)
        {
            var start = lines[..at].LastIndexOf((byte)'\n') + 1;
            if (Train(lines[start..at])) break;
            at = start - 1;
        }
        return Rows > before;
    }

    private void Header(BatchLogHeader header)
    {
        (epochCol, phaseCol, batchCol, lossCol, width) = (header.Epoch, header.Phase, header.Batch, header.Names.ToList().IndexOf("loss"), header.Width);
        (starts, lengths) = (new int[width], new int[width]);
        headerRead = true;
    }

    private void Reset()
    {
        offset = 0;
        pending = [];
        headerRead = false;
        Rows = 0;
    }

    // Parses a row; when it is a train row, it is where training is. An epoch's batches are counted from its last batch number.
    private bool Train(ReadOnlySpan<byte> line)
    {
        if (line.Length > 0 && line[^1] == '\r') line = line[..^1];
        if (epochCol < 0 || phaseCol < 0) return false;
        if (!BatchLogLine.Split(line, starts, lengths) || !line.Slice(starts[phaseCol], lengths[phaseCol]).SequenceEqual("train"u8)) return false;
        double epoch = 0, batch = 0, loss = double.NaN;
        FastNumber.TryParse(line.Slice(starts[epochCol], lengths[epochCol]), out epoch);
        if (batchCol >= 0) FastNumber.TryParse(line.Slice(starts[batchCol], lengths[batchCol]), out batch);
        if (lossCol >= 0 && !FastNumber.TryParse(line.Slice(starts[lossCol], lengths[lossCol]), out loss)) loss = double.NaN;
        if ((long)epoch != currentEpoch)
        {
            if (currentEpoch != long.MinValue) BatchesPerEpoch = batchesThisEpoch;
            currentEpoch = (long)epoch;
        }
        batchesThisEpoch = (int)batch + 1;
        (Epoch, Batch, Loss) = ((long)epoch, (long)batch, loss);
        return true;
    }
}
