using TorchSharp;
using static TorchSharp.torch;

namespace Hypergrid.Training.Models;

/// <summary>The activation functions a config may name.</summary>
public static class Activations
{
    public static readonly string[] Names = ["relu", "gelu", "tanh", "silu"];

    public static nn.Module<Tensor, Tensor> Create(string name) => name switch
    {
        "relu" => nn.ReLU(),
        "gelu" => nn.GELU(),
        "tanh" => nn.Tanh(),
        "silu" => nn.SiLU(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, $"known: {string.Join(", ", Names)}"),
    };
}
