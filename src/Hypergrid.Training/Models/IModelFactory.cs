using TorchSharp;

namespace Hypergrid.Training.Models;

/// <summary>A model's validated settings; builds the module once data shape and classes are known.</summary>
public interface IModelFactory
{
    /// <summary>Why this model cannot take inputs of this shape, or null when it can.</summary>
    string? Unsuitable(int[] shape) => null;

    torch.nn.Module<torch.Tensor, torch.Tensor> Create(int[] shape, int classes);
}
