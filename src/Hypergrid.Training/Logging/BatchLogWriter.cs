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
    private readonly StringBuilder line = new(160);
    private long lastFlush = Stopwatch.GetTimestamp();

    public BatchLogWriter(string path)
    {
        writer = new StreamWriter(new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read), new UTF8Encoding(false), 1 << 16);
        writer.Write(BatchLogSchema.Header);
        writer.Write('\n');
        writer.Flush();
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
        var now = Stopwatch.GetTimestamp();
        if (now - lastFlush < FlushEvery) return;
        writer.Flush();
        lastFlush = now;
    }

    public void Dispose()
    {
        writer.Flush();
        writer.Dispose();
    }
}
