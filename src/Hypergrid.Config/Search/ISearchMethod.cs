namespace Hypergrid.Config.Search;

/// <summary>
/// A search method as a plug-in: it decides from a snapshot of a leaf's results, read once, and returns what to do; it
/// touches no file and keeps no state between calls, so the same snapshot always gives the same step and a method is
/// unit-tested in memory. The snapshot's reader and the writer of its decisions are the I/O edges
/// (<c>Hypergrid.Running.Search.LeafSearch</c>); the runner and the workers never know which method it is.
/// Registered by name in <see cref="SearchMethods"/>.
/// </summary>
public interface ISearchMethod
{
    /// <summary>
    /// The settings its rounds are made under, as the decisions file's end lines record them: a later change of them is
    /// said to the user, and rounds made under the old ones stay made.
    /// </summary>
    string Settings { get; }

    /// <summary>What is due now: decisions not yet on disk (none when the snapshot's decisions already made them).</summary>
    SearchStep Decide(LeafSnapshot leaf);
}
