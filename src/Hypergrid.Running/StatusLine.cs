using Hypergrid.Config.Expansion;
using Hypergrid.Trials;

namespace Hypergrid.Running;

/// <summary>One trial as <c>status</c> lists it: its record and the axis values that make it (none for an orphan).</summary>
public sealed record StatusLine(TrialRecord Record, IReadOnlyList<AxisValue> AxisValues);
