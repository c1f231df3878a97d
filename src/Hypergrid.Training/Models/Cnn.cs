using Hypergrid.Training.Settings;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Hypergrid.Training.Models;

/// <summary>A small conv net: 3x3 conv + ReLU + 2x2 max-pool per entry of channels, then a hidden fc layer.</summary>
public sealed class Cnn : nn.Module<Tensor, Tensor>
{
    private readonly Sequential layers;

    public Cnn(int[] shape, int[] channels, int fc, double dropout, int classes) : base("cnn")
    {
        var modules = new List<(string, nn.Module<Tensor, Tensor>)>();
        int c = shape[0], h = shape[1], w = shape[2];
        for (var i = 0; i < channels.Length; i++)
        {
            modules.Add(($"conv{i}", nn.Conv2d(c, channels[i], 3, padding: 1)));
            modules.Add(($"pool{i}", new ReluMaxPool())); // ReLU and 2x2 max-pool in one fast node (no parameters)
            (c, h, w) = (channels[i], h / 2, w / 2);
        }
        modules.Add(("flatten", nn.Flatten()));
        modules.Add(("fc", nn.Linear(c * h * w, fc)));
        modules.Add(("relu_fc", nn.ReLU()));
        if (dropout > 0) modules.Add(("drop", nn.Dropout(dropout)));
        modules.Add(("out", nn.Linear(fc, classes)));
        layers = nn.Sequential(modules);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) => layers.forward(x);

    /// <summary>The cnn keys with their defaults.</summary>
    public sealed record Factory(int[] Channels, int Fc, double Dropout) : IModelFactory
    {
        public static IModelFactory Parse(ConfigReader r) => new Factory(
            r.Ints("channels", [32, 64], max: 1 << 16),     // output channels of each 3x3 conv (+ 2x2 pool)
            r.Int("fc", 128, min: 1, max: 1 << 20),        // width of the hidden fully connected layer
            r.Double("dropout", 0.0, min: 0, max: 0.99));  // dropout before the output layer

        public string? Unsuitable(int[] shape) =>
            shape.Length != 3 ? "needs image inputs (channels, height, width); this dataset's inputs are flat"
            : Channels.Length >= 31 || shape[1] >> Channels.Length == 0 ? $"has {Channels.Length} pooling layers, too many for {shape[1]}x{shape[2]} images" : null;

        public nn.Module<Tensor, Tensor> Create(int[] shape, int classes) => new Cnn(shape, Channels, Fc, Dropout, classes);

        /// <summary>
        /// Whether oneDNN pads a channel count to its block (16 on AVX-512, 8 on AVX2): such convolutions read memory
        /// nobody wrote (see <see cref="Native.MallocTuning.GuardPadding"/>).
        /// </summary>
        public bool PaddedByOneDnn => Channels.Any(c => c % 16 != 0);
    }
}
