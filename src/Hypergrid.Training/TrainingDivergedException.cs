namespace Hypergrid.Training;

/// <summary>Training produced a non-finite loss; the trial fails rather than log garbage to the end.</summary>
public sealed class TrainingDivergedException(string message) : Exception(message);
