using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hypergrid.Tests;
using Hypergrid.Trials;

namespace Hypergrid.Cli.Tests;

/// <summary>A complete trial's model.safetensors: the standard format, the module's names, and 'hypergrid eval' on it.</summary>
public partial class WeightsTests
{
    private const string Leaf = "sweep/synthetic/mlp/adam";

    // Noisy clusters, so the loss is far from 0 and a wrong weight would show.
    private static Study Trained()
    {
        var study = new Study().Write("", "seed: 1\nepochs: 2\nnoise: 4\nfeatures: 16\nbatch_size: 50\n").Write(Leaf, "hidden: [[64, 32]]\nlr: 0.01\ndropout: 0.1");
        var (code, output) = study.Run("sweep");
        Assert.True(code == 0, output);
        return study;
    }

    [Fact]
    public void Eval_on_the_val_split_prints_the_trials_last_val_epoch()
    {
        using var study = Trained();
        var (code, output) = study.Run("eval", $"{Leaf}/trial_000", "--split", "val");
        Assert.True(code == 0, output);
        var m = Printed().Match(output);
        Assert.True(m.Success, output);
        var last = File.ReadLines(Path.Combine(study.Trial(Leaf, 0), TrialFiles.EpochLog)).Last(l => l.Contains(",val,")).Split(',');
        var header = File.ReadLines(Path.Combine(study.Trial(Leaf, 0), TrialFiles.EpochLog)).First().Split(',');
        double Column(string name) => double.Parse(last[Array.IndexOf(header, name)], CultureInfo.InvariantCulture);
        Assert.Equal(Column("loss"), double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), 5);
        Assert.Equal(Column("acc"), double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), 5);
        Assert.True(Column("loss") > 0.05, "the check means something only when the loss is not 0");

        (code, output) = study.Run("eval", study.Trial(Leaf, 0), "--split", "train");
        Assert.True(code == 0, output);
        Assert.Contains("train: loss ", output);
        Assert.Contains("512 samples", output);
    }

    [GeneratedRegex(@"val: loss ([0-9.]+) acc ([0-9.]+)")]
    private static partial Regex Printed();

    [Fact]
    public void The_weights_are_a_standard_safetensors_file_keyed_by_the_modules_state_dict_names()
    {
        using var study = Trained();
        var bytes = File.ReadAllBytes(Path.Combine(study.Trial(Leaf, 0), TrialFiles.Weights));
        // The format: an 8-byte little-endian header length, a JSON header, then the tensors' bytes back to back.
        var length = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        using var header = JsonDocument.Parse(bytes.AsMemory(8, length));
        var tensors = header.RootElement.EnumerateObject().Where(p => p.Name != "__metadata__")
            .ToDictionary(p => p.Name, p => (Dtype: p.Value.GetProperty("dtype").GetString(),
                Shape: p.Value.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()).ToArray(),
                Offsets: p.Value.GetProperty("data_offsets").EnumerateArray().Select(d => d.GetInt64()).ToArray()));
        Assert.Equal(["layers.fc0.bias", "layers.fc0.weight", "layers.fc1.bias", "layers.fc1.weight", "layers.out.bias", "layers.out.weight"], tensors.Keys.Order());
        Assert.Equal([64, 16], tensors["layers.fc0.weight"].Shape);
        Assert.Equal([4, 32], tensors["layers.out.weight"].Shape);
        Assert.All(tensors.Values, t => Assert.Equal("F32", t.Dtype));
        Assert.All(tensors.Values, t => Assert.Equal(t.Shape.Aggregate(4L, (a, d) => a * d), t.Offsets[1] - t.Offsets[0]));
        Assert.Equal(bytes.Length - 8 - length, tensors.Values.Max(t => t.Offsets[1]));
        var bias = tensors["layers.out.bias"];
        var values = Enumerable.Range(0, 4).Select(i => BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(8 + length + (int)bias.Offsets[0] + 4 * i))).ToArray();
        Assert.All(values, v => Assert.True(float.IsFinite(v) && v != 0, $"trained biases: {string.Join(", ", values)}"));
    }

    [Fact]
    public void Eval_of_a_trial_without_weights_or_of_no_trial_is_exit_2_with_the_fix()
    {
        using var study = new Study().Write("", "seed: 1\nepochs: 1\n").Write(Leaf, "hidden: [8]");
        Assert.Equal(0, study.Run("expand").Code);
        var (code, output) = study.Run("eval", $"{Leaf}/trial_000");
        Assert.Equal(2, code);
        Assert.Contains("has no model.safetensors of a complete trial", output);
        (code, output) = study.Run("eval", "sweep/synthetic/mlp");
        Assert.Equal(2, code);
        Assert.Contains("is not a trial", output);
        (code, output) = study.Run("eval", $"{Leaf}/trial_000", "--split", "test");
        Assert.Equal(2, code);
    }
}
