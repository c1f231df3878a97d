namespace Hypergrid.Config.Trials;

/// <summary>A trial's state with what explains it (the claim when running, the error when failed).</summary>
public sealed record TrialStatus(TrialState State, Claim? Claim, RunRecord? Run, string? Note)
{
    /// <summary>Reads a trial folder's state. <paramref name="currentConfig"/> is the cfg.yaml text the trial should have.</summary>
    public static TrialStatus Read(string trialDir, string currentConfig)
    {
        var run = RunRecord.TryRead(trialDir);
        if (File.Exists(Path.Combine(trialDir, TrialFiles.BatchLog)))
        {
            var stale = run is not null && run.CfgSha256 != TrialFiles.ConfigHash(currentConfig);
            return new TrialStatus(stale ? TrialState.Stale : TrialState.Complete, null, run,
                stale ? "cfg.yaml changed since this trial ran (--rerun-stale retrains it)" : null);
        }
        var claim = Claim.TryRead(trialDir);
        if (claim is not null && claim.IsAlive()) return new TrialStatus(TrialState.Running, claim, run, null);
        if (run is { Status: "failed" }) return new TrialStatus(TrialState.Failed, claim, run, run.Error);
        var note = claim is not null ? $"interrupted: claim by {claim.Host}:{claim.Pid} is dead; the next run takes it over" : null;
        return new TrialStatus(TrialState.Pending, claim, run, note);
    }
}
