namespace Hypergrid.Trials;

/// <summary>The state of a trial as read from its folder (see docs/files.md).</summary>
public enum TrialState { Pending, Running, Complete, Failed, Stale, Damaged, Orphan, Paused, OtherCode }
