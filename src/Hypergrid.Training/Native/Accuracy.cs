using static TorchSharp.torch;

namespace Hypergrid.Training.Native;

/// <summary>
/// A batch's accuracy, the number <c>logits.argmax(1).eq(y).to(float32).mean().item()</c> gives, read from the tensors'
/// memory: on the CPU those five native calls and their four temporary tensors cost more than the arithmetic (a batch of
/// 128 by 10 is 1,280 comparisons), at every train and val batch. The argmax is libtorch's: the first NaN of a row if it
/// has one, else the first of its largest values; the mean is the float32 division of the count by the batch size.
/// </summary>
internal static unsafe class Accuracy
{
    /// <summary>The fraction of rows of <paramref name="logits"/> (batch, classes) whose argmax is the row's label.</summary>
    public static float Of(Tensor logits, Tensor labels)
    {
        if (logits.dim() != 2 || labels.dim() != 1 || logits.shape[0] != labels.shape[0] || logits.shape[1] == 0
            || !Kernels.Addressable(logits, ScalarType.Float32) || !Kernels.Addressable(labels, ScalarType.Int64))
        {
            using var scope = NewDisposeScope();
            return logits.argmax(1).eq(labels).to_type(ScalarType.Float32).mean().item<float>();
        }
        long rows = logits.shape[0], classes = logits.shape[1], hits = 0;
        float* x = Kernels.Floats(logits);
        var y = (long*)Kernels.Bytes(labels);
        for (long r = 0; r < rows; r++, x += classes)
            if (ArgMax(x, classes) == y[r]) hits++;
        return (float)hits / rows;
    }

    private static long ArgMax(float* row, long n)
    {
        long best = 0;
        var value = row[0];
        for (long j = 1; j < n && !float.IsNaN(value); j++)
            if (row[j] > value || float.IsNaN(row[j])) (best, value) = (j, row[j]);
        return best;
    }
}
