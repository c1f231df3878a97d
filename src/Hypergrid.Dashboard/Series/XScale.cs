namespace Hypergrid.Dashboard.Series;

/// <summary>
/// What one train step is on an x axis drawn at step resolution, for one trial: 1 on the step axis, its batch_size on
/// the samples axis (or, <see cref="Logged"/>, its log's own samples column instead), one over its batches per epoch on
/// the epoch-fraction axis. Made by <see cref="For"/>, used by <see cref="StepX"/>.
/// </summary>
public sealed record XScale(string Axis, double PerStep, bool Logged = false)
{
    /// <summary>The x axes drawn from step buckets: the train step, samples seen, epochs as a fraction.</summary>
    public static readonly string[] Axes = ["step", "samples", "epochf"];

    /// <summary>The batch-log column a program may write with the samples it has seen (cumulative, its row's batch included).</summary>
    public const string LoggedSamples = "samples";

    /// <summary>The step axis: a row at its own step.</summary>
    public static readonly XScale Step = new("step", 1);

    /// <summary>
    /// A trial's scale on an axis, or what it lacks (a few words: "batch_size", "batches per epoch"): samples seen are
    /// the log's own count where it has the column, else train steps × batch_size; epochs are train steps ÷ batches
    /// per epoch (<see cref="BatchesPerEpoch"/>).
    /// </summary>
    public static (XScale? Scale, string? Missing) For(string axis, bool logsSamples, double? batchSize, double? batchesPerEpoch) => axis switch
    {
        "samples" when logsSamples => (new XScale(axis, 1, Logged: true), null),
        "samples" => batchSize is > 0 and var b ? (new XScale(axis, b), null) : (null, "batch_size"),
        "epochf" => batchesPerEpoch is > 0 and var n ? (new XScale(axis, 1 / n), null) : (null, "batches per epoch"),
        _ => (Step, null),
    };

    /// <summary>
    /// A trial's train batches per epoch: the most train rows of any epoch its log has finished (every epoch of a
    /// finished log, all but the last of a growing one: an uneven last epoch does not count short), so a program's trial
    /// that logs no batch_size has it too; before its first epoch ends, its train set ÷ batch_size (rounded up, as a
    /// loader's last short batch is); null when neither is known.
    /// </summary>
    public static double? BatchesPerEpoch(IReadOnlyList<(long Epoch, double Rows)> trainEpochs, bool finished, long? trainSamples, double? batchSize)
    {
        var last = trainEpochs.Count == 0 ? 0 : trainEpochs.Max(e => e.Epoch);
        var done = trainEpochs.Where(e => finished || e.Epoch < last).Select(e => e.Rows).DefaultIfEmpty(0).Max();
        if (done > 0) return done;
        return trainSamples is > 0 and var size && batchSize is > 0 and var b ? Math.Ceiling(size / b) : null;
    }
}
