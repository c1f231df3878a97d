using System.Diagnostics;
using System.Text;
using Hypergrid.Trials;
using Hypergrid.Trials.Logs;

namespace Hypergrid.Training.Logging;

/// <summary>
/// Writes batch rows to a CSV file in <see cref="BatchLogSchema"/>'s column order, flushing at least twice a
/// second so a dashboard can follow a running trial, and only whole lines, so a reader never sees half a row after a flush.
/// </summary>
public sealed class BatchLogWriter : IBatchSink, IDisposable
{
    private static readonly long FlushEvery = Stopwatch.Frequency / 2;
    private readonly StreamWriter writer;
    // Taken once here: FileStream.SafeFileHandle flushes the stream, which only the writing thread may do.
    private readonly Microsoft.Win32.SafeHandles.SafeFileHandle handle;
    private readonly StringBuilder line = new(160);
    private long lastFlush = Stopwatch.GetTimestamp();
    private long rows;

    /// <summary>Starts a new log with its header.</summary>
    public BatchLogWriter(string path)
    {
        var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read);
        handle = stream.SafeFileHandle;
        writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16);
        writer.Write(BatchLogSchema.Header);
        writer.Write('\n');
        writer.Flush();
    }

    /// <summary>
    /// Continues a log from a checkpoint: everything past <paramref name="at"/> (rows written after the checkpoint
    /// by an attempt that died) is cut off, and nothing before it is rewritten.
    /// </summary>
    public BatchLogWriter(string path, LogPosition at)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.Read);
        stream.SetLength(at.Bytes);
        stream.Seek(at.Bytes, SeekOrigin.Begin);
        handle = stream.SafeFileHandle;
        writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16);
        rows = at.Rows;
    }

    public void Write(in BatchRow r)
    {
        line.Clear();
        foreach (var column in BatchLogSchema.Columns)
        {
            if (line.Length > 0 || column != BatchLogSchema.Columns[0]) line.Append(',');
            // The phase is the one text column; every other cell is a number or empty.
            if (column.Value is null) line.Append(r.Phase);
            else if (column.Value(r) is { } v) line.Append(CsvNumber.Format(v));
        }
        line.Append('\n');
        writer.Write(line);
        rows++;
        var now = Stopwatch.GetTimestamp();
        if (now - lastFlush < FlushEvery) return;
        writer.Flush();
        lastFlush = now;
    }

    public LogPosition Flush()
    {
        writer.Flush();
        ((FileStream)writer.BaseStream).Flush(flushToDisk: true);
        lastFlush = Stopwatch.GetTimestamp();
        return new LogPosition(rows, writer.BaseStream.Position);
    }

    public LogPosition Written()
    {
        writer.Flush();
        lastFlush = Stopwatch.GetTimestamp();
        return new LogPosition(rows, writer.BaseStream.Position);
    }

    public void Sync() => RandomAccess.FlushToDisk(handle);

    public void Dispose()
    {
        writer.Flush();
        writer.Dispose();
    }
}
