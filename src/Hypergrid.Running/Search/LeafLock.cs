using Hypergrid.Trials.Posix;
using Hypergrid.Trials.Search;

namespace Hypergrid.Running.Search;

/// <summary>
/// A leaf's decision lock: flock(2) on <c>search.lock</c> in the leaf folder, held while a decision is read, made and
/// written, so that deciders on one node do not compute the same round twice. Decisions do not need it to be right
/// (each round is appended whole and counted once: <see cref="DecisionFile"/>), so where flock fails (ENOLCK on NFS
/// mounted nolock, Lustre without flock) the failure is said once and decisions go on without it; the kernel releases
/// the lock when its holder dies, so a kill -9 mid-decision blocks nobody.
/// </summary>
public sealed class LeafLock : IDisposable
{
    private static int said;
    private readonly AppendFile? file;

    private LeafLock(AppendFile? file) => this.file = file;

    public static LeafLock Acquire(string leafDir, Action<string> say) => Acquire(leafDir, SearchDecision.Lock, say);

    /// <summary>The lock of another decision file in a folder (a section's adaptive seeds: <see cref="SeedDecisions.Lock"/>).</summary>
    public static LeafLock Acquire(string dir, string lockFile, Action<string> say)
    {
        var path = Path.Combine(dir, lockFile);
        var file = AppendFile.Open(path);
        var failed = file.Lock();
        if (failed is null) return new LeafLock(file);
        file.Dispose();
        if (Interlocked.Exchange(ref said, 1) == 0)
            say($"{path}: flock failed ({failed}): decisions are made without the lock, which they do not need "
                + "(each round is appended whole and counted once); the filesystem gives no locks here");
        return new LeafLock(null);
    }

    public void Dispose() => file?.Dispose();
}
