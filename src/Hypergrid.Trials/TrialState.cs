namespace Hypergrid.Trials;

/// <summary>The state of a trial as read from its folder (see docs/files.md). Diverged: a result whose last val loss is NaN or infinite; OtherCode: a program's result whose code files changed since it ran.</summary>
public enum TrialState { Pending, Running, Complete, Failed, Stale, Damaged, Orphan, Paused, OtherCode, Diverged }
