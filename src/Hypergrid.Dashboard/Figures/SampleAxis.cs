namespace Hypergrid.Dashboard.Figures;

/// <summary>
/// Where a row sits on the axes that count work done, by one convention: at the END of its batch. A train row at
/// step s (the train rows before it) has seen (s + 1) batches, so s + 1 train rows × batch size samples, which is
/// what a program's cumulative `samples` column says on that row; a val row at step s (its pass ran after s train
/// rows) has seen s. Epochs as a fraction are the same count over the batches per epoch, so epoch e ends at x = e,
/// where the epoch axis puts it.
/// </summary>
public static class SampleAxis
{
    /// <summary>A train bucket's x: its first row's batches done, × the samples (or epochs) per step; step x is the step itself.</summary>
    public static double TrainX(long step, string axis, double perStep) => axis == "step" ? step : (step + 1) * perStep;

    /// <summary>A val bucket's x: the train batches done when its last pass ran, × the samples (or epochs) per step.</summary>
    public static double ValX(long step, string axis, double perStep) => axis == "step" ? step : step * perStep;

    /// <summary>
    /// The samples axis's label: "(logged)" where every line is at its log's own count, "(train steps × batch size)"
    /// where none is, and bare with a note (<see cref="MixedNote"/>) where some are.
    /// </summary>
    public static string SamplesLabel(int logged, int lines) =>
        logged == lines ? "samples seen (logged)" : logged == 0 ? "samples seen (train steps × batch size)" : "samples seen";

    /// <summary>What a figure says when some of its lines are at logged counts and some at steps × batch size.</summary>
    public const string MixedNote = "samples seen: logged by the program where its log has a samples column, else train steps × batch size";
}
