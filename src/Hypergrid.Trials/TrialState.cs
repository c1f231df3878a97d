namespace Hypergrid.Trials;

/// <summary>The state of a trial as read from its folder (see the README's "What a trial folder holds").</summary>
public enum TrialState { Pending, Running, Complete, Failed, Stale, Damaged, Orphan }
