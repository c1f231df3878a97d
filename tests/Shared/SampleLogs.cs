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

    /// <summary>
    /// A batch log as other programs write it, of two epochs (train loss 2/epoch, val loss 1/epoch): "long" has a header
    /// over 8 KiB (600 per-class columns), "huge" one over 64 KiB, "bom" starts with a UTF-8 byte-order mark, "bom-crlf"
    /// also ends its lines with CR LF, "bom-long" is both; "quoted" has every name and cell in quotes (Python's
    /// csv.QUOTE_ALL), "quoted-comma" a text column whose cells hold a comma inside quotes (csv's default quoting). Each
    /// reader must read it as the worker accepts it.
    /// </summary>
    public static string Foreign(string kind)
    {
        var extra = kind switch { "long" or "bom-long" => 600, "huge" => 6000, _ => 0 };
        var nl = kind == "bom-crlf" ? "\r\n" : "\n";
        var sb = new StringBuilder(kind.StartsWith("bom", StringComparison.Ordinal) ? "\uFEFF" : "");
        var comma = kind == "quoted-comma";
        string Q(object cell) => kind == "quoted" ? $"\"{cell}\"" : string.Format(CultureInfo.InvariantCulture, "{0}", cell);
        sb.AppendJoin(',', new[] { "epoch", "mode", "batch", "loss" }.Select(Q));
        for (var c = 0; c < extra; c++) sb.Append(CultureInfo.InvariantCulture, $",acc_class_{c:D4}");
        if (comma) sb.Append(",note");
        sb.Append(nl);
        var cells = string.Concat(Enumerable.Repeat(",0.5", extra)) + (comma ? ",\"lr=0.1, wd=0\"" : "");
        for (var e = 1; e <= 2; e++)
        {
            for (var b = 0; b < 2; b++) sb.Append(CultureInfo.InvariantCulture, $"{Q(e)},{Q("train")},{Q(b)},{Q(2.0 / e)}{cells}{nl}");
            sb.Append(CultureInfo.InvariantCulture, $"{Q(e)},{Q("val")},{Q(0)},{Q(1.0 / e)}{cells}{nl}");
        }
        return sb.ToString();
    }

    /// <summary>The kinds of <see cref="Foreign"/>.</summary>
    public static readonly string[] ForeignKinds = ["long", "huge", "bom", "bom-crlf", "bom-long", "quoted", "quoted-comma"];

    /// <summary>A batch log's epoch log as CSV, the form these tests compare.</summary>
    public static string? EpochCsv(string batchLog) => EpochAggregator.FromBytes(Encoding.UTF8.GetBytes(batchLog))?.ToCsv();
}
