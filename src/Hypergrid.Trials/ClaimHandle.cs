using System.Text.Json;

namespace Hypergrid.Trials;

/// <summary>
/// A held claim on a trial. Claims are created with O_EXCL, so two workers never hold one trial.
/// A dead claim is taken over by whoever first creates <c>takeover.N</c> exclusively for its epoch N;
/// only that worker replaces it (by rename, with epoch N+1), so a fresh claim is never replaced by a slower rival.
/// Whether a claim or a marker is dead is judged by <see cref="ClaimWatch"/>, never by comparing this host's clock with
/// a file's time.
/// </summary>
public sealed class ClaimHandle : IDisposable
{
    private readonly string path;
    private readonly Claim claim;
    private long beat;
    private readonly Timer heartbeat;
    private readonly CancellationTokenSource lost = new();

    /// <summary>Cancelled when another worker has taken this claim over (after a pause longer than the timeout): stop training.</summary>
    public CancellationToken Lost => lost.Token;

    private ClaimHandle(string trialDir, Claim claim)
    {
        path = Path.Combine(trialDir, TrialFiles.Claim);
        this.claim = claim;
        heartbeat = new Timer(_ => Beat(), null, Claim.HeartbeatEvery, Claim.HeartbeatEvery);
    }

    /// <summary>Claims the trial, taking over a dead claim; null when someone alive holds it.</summary>
    public static ClaimHandle? TryAcquire(string trialDir)
    {
        var path = Path.Combine(trialDir, TrialFiles.Claim);
        var existing = Claim.TryRead(trialDir);
        if (existing is null)
        {
            var fresh = NewClaim(0);
            return TryCreateExclusive(path, Serialize(fresh)) ? new ClaimHandle(trialDir, fresh) : null;
        }
        if (existing.IsAlive()) return null;

        var marker = Path.Combine(trialDir, $"takeover.{existing.Epoch}");
        if (!TryCreateExclusive(marker, "")) return StaleTakeover(marker) ? TryAcquire(trialDir) : null;
        var again = Claim.TryRead(trialDir);
        if (again is null || again.Text != existing.Text)
        {
            // Someone took over and finished while we looked, or the holder renewed after all: our marker must not block a later takeover.
            File.Delete(marker);
            return null;
        }
        // Replace the dead claim in one rename: there is never a moment without a claim for a rival to fill.
        var next = NewClaim(existing.Epoch + 1);
        AtomicFile.WriteAllText(path, Serialize(next));
        return new ClaimHandle(trialDir, next);
    }

    private static string Serialize(Claim claim) => JsonSerializer.Serialize(claim, TrialJson.Default.Claim);

    private static Claim NewClaim(int epoch) => new()
    {
        Host = Environment.MachineName,
        Pid = Environment.ProcessId,
        Start = DateTimeOffset.UtcNow,
        Heartbeat = DateTimeOffset.UtcNow,
        Epoch = epoch,
        SlurmJobId = Environment.GetEnvironmentVariable("SLURM_ARRAY_JOB_ID") ?? Environment.GetEnvironmentVariable("SLURM_JOB_ID"),
        SlurmTaskId = Environment.GetEnvironmentVariable("SLURM_ARRAY_TASK_ID"),
    };

    // A takeover marker left by a worker that died during the takeover must not block the trial forever; one this
    // process has not yet seen standing for the timeout may be a rival's takeover under way (whatever its file's time).
    private static bool StaleTakeover(string marker)
    {
        if (!File.Exists(marker) || ClaimWatch.Process.Observe(marker, "", Claim.Timeout) != ClaimWatch.Verdict.Dead) return false;
        File.Delete(marker);
        ClaimWatch.Process.Forget(marker);
        return true;
    }

    private static bool TryCreateExclusive(string file, string content)
    {
        try
        {
            using var stream = new FileStream(file, FileMode.CreateNew, FileAccess.Write, FileShare.Read);
            using var w = new StreamWriter(stream);
            w.Write(content);
            return true;
        }
        catch (IOException) when (File.Exists(file))
        {
            return false;
        }
    }

    /// <summary>Whether claim.json still names this holder (no rival took it over during a long pause).</summary>
    public bool StillOwned()
    {
        var current = Claim.TryRead(Path.GetDirectoryName(path)!);
        return current is not null && current.Pid == claim.Pid && current.Host == claim.Host && current.Epoch == claim.Epoch;
    }

    // Only the holder writes its claim, and only while it is still its own: after a pause longer than the
    // timeout a rival may have taken over, and then this worker must stop rather than train alongside it.
    private void Beat()
    {
        try
        {
            if (!StillOwned())
            {
                lost.Cancel();
                return;
            }
            AtomicFile.WriteAllText(path, Serialize(claim with { Beat = Interlocked.Increment(ref beat), Heartbeat = DateTimeOffset.UtcNow }));
        }
        catch (IOException) { }
    }

    /// <summary>Stops the heartbeat and removes the claim and any takeover markers.</summary>
    public void Dispose()
    {
        heartbeat.Dispose();
        if (lost.IsCancellationRequested)
        {
            lost.Dispose();
            return; // the claim and the markers are the new holder's now
        }
        lost.Dispose();
        var dir = Path.GetDirectoryName(path)!;
        foreach (var marker in Directory.GetFiles(dir, "takeover.*"))
        {
            File.Delete(marker);
            ClaimWatch.Process.Forget(marker);
        }
        if (File.Exists(path)) File.Delete(path);
        ClaimWatch.Process.Forget(path);
    }
}
