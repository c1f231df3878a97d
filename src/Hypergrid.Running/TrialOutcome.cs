using Hypergrid.Config.Trials;

namespace Hypergrid.Running;

/// <summary>How one attempt at a trial ended.</summary>
public sealed record TrialOutcome(string TrialDir, TrialState State, double Seconds, string? Error);
