namespace Hypergrid.Training.Optimizers;

/// <summary>An optimizer as the training loop uses it: over flat parameters, with its whole state saveable for checkpoints.</summary>
public interface IStepper : IDisposable
{
    /// <summary>One update with the given learning rate (the schedule's value for this step).</summary>
    void Step(double lr);

    /// <summary>Everything the next steps depend on (moments, step count, momentum buffers).</summary>
    void Save(BinaryWriter writer);

    /// <summary>Puts back what <see cref="Save"/> wrote; a mismatch is an <see cref="InvalidDataException"/>.</summary>
    void Load(BinaryReader reader);
}
