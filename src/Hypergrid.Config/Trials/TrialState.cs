namespace Hypergrid.Config.Trials;

/// <summary>The state of a trial as read from its folder (SPEC 3).</summary>
public enum TrialState { Pending, Running, Complete, Failed, Stale, Orphan }
