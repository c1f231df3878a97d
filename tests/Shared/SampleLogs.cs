using System.Globalization;
using System.Text;
using Hypergrid.Trials.Logs;

namespace Hypergrid.Tests;

/// <summary>Batch logs in the schema's columns, as the trainer writes them, for tests of the readers.</summary>
public static class SampleLogs
{
    /// <summary>Epochs fromEpoch..toEpoch of train and val rows, loss falling per epoch, grad_norm rising per batch.</summary>
    public static string BatchLog(int fromEpoch, int toEpoch, int batches, double scale, bool header = true)
    {
        var sb = new StringBuilder();
        if (header) sb.Append(BatchLogSchema.Header).Append('\n');
        for (var e = fromEpoch; e <= toEpoch; e++)
        {
            foreach (var phase in new[] { "train", "val" })
                for (var b = 0; b < batches; b++)
                {
                    var loss = scale * (2.0 / e + 0.01 * b);
                    var row = new BatchRow(e, phase, b, e + b * 0.01, loss, 1 - loss / 4, 0.1, GradNorm: 1.0 + b);
                    sb.Append(string.Join(',', BatchLogSchema.Columns.Select(c => c.Value is null ? row.Phase : c.Value(row) is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : "")));
                    sb.Append('\n');
                }
        }
        return sb.ToString();
    }

    /// <summary>A batch log's epoch log as CSV, the form these tests compare.</summary>
    public static string? EpochCsv(string batchLog) => EpochAggregator.FromBytes(Encoding.UTF8.GetBytes(batchLog))?.ToCsv();
}
