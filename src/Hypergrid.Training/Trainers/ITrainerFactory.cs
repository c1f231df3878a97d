using TorchSharp;
using static TorchSharp.torch;

namespace Hypergrid.Training.Trainers;

/// <summary>A trainer's validated settings; builds the optimizer for a model's parameters.</summary>
public interface ITrainerFactory
{
    TrainerSettings Settings { get; }

    optim.Optimizer Create(IEnumerable<TorchSharp.Modules.Parameter> parameters);
}
