using Hypergrid.Training.Native;
using static TorchSharp.torch;

namespace Hypergrid.Training.Tests.Native;

/// <summary>
/// A batch's accuracy read from memory is libtorch's argmax/eq/mean bit for bit: for batch and class counts that include
/// one class and odd sizes, rows with tied maxima, NaNs and zeros of both signs, and labels that hit and miss.
/// </summary>
public class AccuracyTests
{
    static AccuracyTests() => LibTorchLoader.EnsureLoaded();

    private static float Libtorchs(Tensor logits, Tensor labels) => logits.argmax(1).eq(labels).to_type(ScalarType.Float32).mean().item<float>();

    public static TheoryData<int, int, string> Cases => new()
    {
        { 128, 10, "random" }, { 125, 10, "ties" }, { 7, 3, "nan" }, { 1, 1, "random" }, { 33, 17, "zeros" }, { 64, 2, "ties" }, { 9, 5, "nan" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_accuracy_equals_libtorchs_argmax_eq_mean(int rows, int classes, string kind)
    {
        random.manual_seed(rows * 31 + classes);
        var rng = new Random(rows);
        using var scope = NewDisposeScope();
        var logits = kind switch
        {
            "ties" => randint(0, 3, [rows, classes]).to_type(ScalarType.Float32), // few values: equal maxima in most rows
            "zeros" => zeros(rows, classes).where(rand(rows, classes).gt(0.5), full([rows, classes], -0.0f)),
            _ => randn(rows, classes),
        };
        if (kind == "nan")
        {
            var flat = logits.view(-1);
            for (var i = 0; i < rows; i++) flat[rng.Next(rows * classes)] = float.NaN;
        }
        // Labels that are each row's libtorch argmax for some rows (hits) and random for the rest.
        var labels = randint(0, classes, [rows], dtype: ScalarType.Int64);
        var argmax = logits.argmax(1);
        for (var r = 0; r < rows; r += 2) labels[r] = argmax[r];
        var expected = Libtorchs(logits, labels);
        Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(Accuracy.Of(logits, labels)));
        Assert.True(expected > 0 || rows == 1);
    }

    [Fact]
    public void Each_row_counts_by_the_first_nan_else_the_first_largest_value()
    {
        using var logits = tensor(new[] { 1f, 3f, 3f, 0f, float.NaN, 5f, float.NaN, 2f, -0f, 0f, -1f, -2f }).view(4, 3);
        // Rows: [1,3,3] -> 1; [0,NaN,5] -> 1; [NaN,2,-0] -> 0; [0,-1,-2] -> 0.
        foreach (var (labels, expected) in new[] { (new long[] { 1, 1, 0, 0 }, 1f), (new long[] { 2, 2, 1, 0 }, 0.25f), (new long[] { 1, 1, 0, 1 }, 0.75f) })
        {
            using var y = tensor(labels);
            Assert.Equal(expected, Libtorchs(logits, y));
            Assert.Equal(expected, Accuracy.Of(logits, y));
        }
    }
}
