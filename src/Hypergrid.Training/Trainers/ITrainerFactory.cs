using TorchSharp;
using static TorchSharp.torch;

namespace Hypergrid.Training.Trainers;

/// <summary>A trainer's validated settings; builds the optimizer for a model's parameters.</summary>
public interface ITrainerFactory
{
    TrainerSettings Settings { get; }

    /// <summary>The optimizer over a model's flat parameters; its whole state (moments, step counts, momentum buffers) is saveable.</summary>
    Optimizers.IStepper Create(Optimizers.FlatParameters parameters);
}
