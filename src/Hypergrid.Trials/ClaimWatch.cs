using System.Collections.Concurrent;
using System.Diagnostics;

namespace Hypergrid.Trials;

/// <summary>
/// Whether a claim (or a takeover marker) held on another host is alive, judged without comparing clocks: what it says
/// (its holder and heartbeat counter) is remembered with the moment this process first saw it, on this process's
/// monotonic clock. It is alive once seen to change, dead once seen unchanged for the timeout, and unknown until one of
/// the two: two nodes whose clocks differ by minutes agree on it, and a node behind takes a dead claim over on time.
/// </summary>
public sealed class ClaimWatch(Func<TimeSpan> clock)
{
    /// <summary>What this process has seen, shared by every reader of claims in it.</summary>
    public static ClaimWatch Process { get; } = new(() => Stopwatch.GetElapsedTime(Started));

    private static readonly long Started = Stopwatch.GetTimestamp();

    private readonly ConcurrentDictionary<string, Seen> seen = new();

    private sealed record Seen(string What, TimeSpan Since, bool Changed);

    /// <summary>What a watch tells of a claim so far.</summary>
    public enum Verdict
    {
        /// <summary>Seen once or unchanged for less than the timeout, never seen to change: not known yet.</summary>
        Unknown,
        /// <summary>Seen to change, and not unchanged since for the timeout.</summary>
        Alive,
        /// <summary>Seen unchanged for the timeout.</summary>
        Dead,
    }

    /// <summary>Records what a claim (a file at <paramref name="key"/>) says now and tells what that shows.</summary>
    public Verdict Observe(string key, string what, TimeSpan timeout)
    {
        var now = clock();
        var next = seen.AddOrUpdate(key, _ => new Seen(what, now, false),
            (_, before) => before.What == what ? before : new Seen(what, now, true));
        if (now - next.Since >= timeout) return Verdict.Dead;
        return next.Changed ? Verdict.Alive : Verdict.Unknown;
    }

    /// <summary>How long a claim has been seen saying the same, or null when it was never seen.</summary>
    public TimeSpan? Unchanged(string key) => seen.TryGetValue(key, out var s) ? clock() - s.Since : null;

    /// <summary>Forgets a claim (released or taken over): a later one at the same path is watched afresh.</summary>
    public void Forget(string key) => seen.TryRemove(key, out _);
}
