using System.Diagnostics;
using System.Globalization;
using System.Text;
using Hypergrid.Config.Trials;

namespace Hypergrid.Training.Logging;

/// <summary>
/// Writes batch rows to a CSV file, flushing at least once a second so a dashboard can follow a
/// running trial, and only whole lines, so a reader never sees half a row after a flush.
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
        writer.Write(BatchRow.Header);
        writer.Write('\n');
        writer.Flush();
    }

    public void Write(in BatchRow r)
    {
        line.Clear();
        line.Append(r.Epoch.ToString(CultureInfo.InvariantCulture)).Append(',').Append(r.Phase).Append(',')
            .Append(r.Batch.ToString(CultureInfo.InvariantCulture)).Append(',')
            .Append(r.Time.ToString("0.######", CultureInfo.InvariantCulture));
        Cell(r.Loss); Cell(r.Acc); Cell(r.Lr); Cell(r.IterBudget); Cell(r.GradNorm);
        Cell(r.ErrorMin); Cell(r.ErrorMed); Cell(r.ErrorMax); Cell(r.IterMin); Cell(r.IterMed); Cell(r.IterMax);
        line.Append('\n');
        writer.Write(line);
        var now = Stopwatch.GetTimestamp();
        if (now - lastFlush < FlushEvery) return;
        writer.Flush();
        lastFlush = now;
    }

    private void Cell(double? v)
    {
        line.Append(',');
        if (v is { } x) line.Append(CsvNumber.Format(x));
    }

    public void Dispose()
    {
        writer.Flush();
        writer.Dispose();
    }
}
