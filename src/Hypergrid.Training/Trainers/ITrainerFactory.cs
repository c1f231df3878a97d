using TorchSharp;
using static TorchSharp.torch;

namespace Hypergrid.Training.Trainers;

/// <summary>A trainer's validated settings; builds the optimizer for a model's parameters.</summary>
public interface ITrainerFactory
{
    TrainerSettings Settings { get; }

    /// <summary>A managed-code optimizer, whose whole state (moments, step counts, momentum buffers) a checkpoint saves.</summary>
    TorchSharp.Modules.OptimizerHelper Create(IEnumerable<TorchSharp.Modules.Parameter> parameters);
}
