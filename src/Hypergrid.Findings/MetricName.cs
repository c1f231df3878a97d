using Hypergrid.Config;
using Hypergrid.Trials.Logs;

namespace Hypergrid.Findings;

/// <summary>A report metric: a phase (train or val) and a column of the epoch log, written phase_column (val_acc, train_loss, val_grad_norm).</summary>
public sealed record MetricName(string Phase, string Column)
{
    public static readonly string[] Phases = ["train", "val"];

    /// <summary>Every metric name the batch-log schema makes possible.</summary>
    public static IEnumerable<string> Known => Phases.SelectMany(p => BatchLogSchema.EpochMetrics.Append(EpochTable.BatchesColumn).Select(c => $"{p}_{c}"));

    public static MetricName Parse(string text, string option)
    {
        var cut = text.IndexOf('_');
        if (cut > 0 && Phases.Contains(text[..cut]) && Known.Contains(text)) return new MetricName(text[..cut], text[(cut + 1)..]);
        throw new UsageException($"{option} {text} is not a metric; known: {string.Join(", ", Known)}");
    }

    public override string ToString() => $"{Phase}_{Column}";
}
