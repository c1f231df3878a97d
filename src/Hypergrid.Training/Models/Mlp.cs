using Hypergrid.Training.Settings;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Hypergrid.Training.Models;

/// <summary>A multi-layer perceptron over the flattened input.</summary>
public sealed class Mlp : nn.Module<Tensor, Tensor>
{
    private readonly Sequential layers;

    public Mlp(int inputs, int[] hidden, string activation, double dropout, int classes) : base("mlp")
    {
        var modules = new List<(string, nn.Module<Tensor, Tensor>)> { ("flatten", nn.Flatten()) };
        var width = inputs;
        for (var i = 0; i < hidden.Length; i++)
        {
            modules.Add(($"fc{i}", nn.Linear(width, hidden[i])));
            modules.Add(($"act{i}", Activations.Create(activation)));
            if (dropout > 0) modules.Add(($"drop{i}", nn.Dropout(dropout)));
            width = hidden[i];
        }
        modules.Add(("out", nn.Linear(width, classes)));
        layers = nn.Sequential(modules);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) => layers.forward(x);

    /// <summary>The mlp keys with their defaults.</summary>
    public sealed record Factory(int[] Hidden, string Activation, double Dropout) : IModelFactory
    {
        public static IModelFactory Parse(ConfigReader r) => new Factory(
            r.Ints("hidden", [256], max: 1 << 20),              // hidden layer widths, e.g. [256, 128]
            r.String("activation", "relu", Activations.Names),  // nonlinearity after each hidden layer
            r.Double("dropout", 0.0, min: 0, max: 0.99));       // dropout after each hidden layer

        public nn.Module<Tensor, Tensor> Create(int[] shape, int classes) =>
            new Mlp(shape.Aggregate(1, (a, b) => a * b), Hidden, Activation, Dropout, classes);
    }
}
