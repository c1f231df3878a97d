namespace Hypergrid.Training.Models;

/// <summary>A model that solves for its output iteratively and reports how the solve went, batch by batch.</summary>
public interface ISolverModel
{
    /// <summary>Called at the start of each epoch so an iteration budget can follow its schedule.</summary>
    void StartEpoch(int epoch, int epochs);

    int IterBudget { get; }

    /// <summary>The last forward pass: per-sample final relative residuals and iterations used.</summary>
    SolverStats? LastStats { get; }
}

/// <summary>Per-sample results of one fixed-point solve.</summary>
public sealed record SolverStats(float[] Residuals, int[] Iterations);
