using System.Collections.Concurrent;
using Hypergrid.Trials;

namespace Hypergrid.Dashboard.Trials;

/// <summary>
/// What one full scan knows of each leaf, found once per leaf instead of once per trial: the id its trials share (their
/// mode, dataset, model and trainer strings, kept once) and when its search decisions were last written. Keyed by the
/// leaf's part of a trial's path without cutting a new string from it. Safe to use from many threads.
/// </summary>
internal sealed class ScanLeaves
{
    private readonly ConcurrentDictionary<string, Leaf> leaves = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Leaf>.AlternateLookup<ReadOnlySpan<char>> bySpan;

    // A class, not a tuple: a dictionary of reference values runs the framework's precompiled code (see TrialScanner).
    private sealed record Leaf(TrialId Id, DateTime Decisions);

    public ScanLeaves() => bySpan = leaves.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// The id of a trial folder the scan listed (…/&lt;leaf&gt;/trial_###, its name canonical), as
    /// <see cref="TrialId.FromDirectory"/> gives it (or refuses it), and its leaf's decisions time.
    /// </summary>
    public (TrialId Id, DateTime Decisions) Of(string dir)
    {
        // A name that is no trial's (trial_0000) is the full parse's to refuse, as a report's reader refuses it.
        var slash = TrialId.SplitFolder(dir, out var number);
        if (slash <= 0) return (TrialId.FromDirectory(dir), Decisions(Path.GetDirectoryName(dir)!));
        var leaf = dir.AsSpan(0, slash);
        if (!bySpan.TryGetValue(leaf, out var known))
        {
            var path = leaf.ToString();
            // The factory captures nothing: a lambda over dir would make its closure on every call, found or not.
            known = leaves.GetOrAdd(path, static (p, d) => new Leaf(TrialId.FromDirectory(d), Decisions(p)), dir);
        }
        return (known.Id with { Number = number }, known.Decisions);
    }

    // A paused trial's state and rank also change with its leaf's search decisions (a file beside the trials).
    private static DateTime Decisions(string leaf) => File.GetLastWriteTimeUtc(Path.Combine(leaf, Hypergrid.Trials.Search.SearchDecision.File));
}
