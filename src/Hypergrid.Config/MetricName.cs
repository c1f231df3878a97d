using Hypergrid.Trials.Logs;

namespace Hypergrid.Config;

/// <summary>
/// A metric of report and search: a phase (train or val) and a column of the epoch log, written phase_column (val_acc,
/// train_loss, val_grad_norm).
/// </summary>
public sealed record MetricName(string Phase, string Column)
{
    public static readonly string[] Phases = ["train", "val"];

    /// <summary>Every metric name the batch-log schema makes possible.</summary>
    public static IEnumerable<string> Known => Phases.SelectMany(p => BatchLogSchema.EpochMetrics.Append(EpochTable.BatchesColumn).Select(c => $"{p}_{c}"));

    /// <summary>
    /// PHASE_COLUMN: a phase of the batch log (train, val, or a program's own) and a column of its epoch log. Any such name
    /// is accepted (a program logs columns of its own, e.g. val_top5); a report that finds no value for it lists the ones it found.
    /// </summary>
    public static MetricName Parse(string text, string option) =>
        TryParse(text) ?? throw new UsageException($"{option} {Visible.Short(text)} is not a metric: write PHASE_COLUMN, e.g. {string.Join(", ", Known.Take(6))}");

    /// <summary>As <see cref="Parse"/>; null for a name that is not PHASE_COLUMN.</summary>
    public static MetricName? TryParse(string text)
    {
        var cut = text.IndexOf('_');
        return cut > 0 && cut < text.Length - 1 && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.')
            ? new MetricName(text[..cut], text[(cut + 1)..]) : null;
    }

    /// <summary>Whether higher is better by default: max for names ending in acc, else min.</summary>
    public static string DefaultGoal(string metric) => metric.EndsWith("acc", StringComparison.Ordinal) ? "max" : "min";

    /// <summary>Every metric an epoch log offers: each phase it has with each of its columns.</summary>
    public static IEnumerable<string> Of(EpochTable table) =>
        table.Phases.Distinct().SelectMany(p => table.Columns.Select(c => $"{p}_{c}"));

    public override string ToString() => $"{Phase}_{Column}";
}
