using Hypergrid.Config.Expansion;

namespace Hypergrid.Config.Trials;

/// <summary>One trial (or orphan folder) with its state, as the status verb shows it.</summary>
public sealed record TrialReport(string Id, string Directory, TrialState State, IReadOnlyList<AxisValue> AxisValues, TrialStatus? Status);
