using System.Text.Json.Nodes;

namespace Hypergrid.Trials;

/// <summary>
/// The one read model of a trial folder: its state and what explains it (the claim of a running trial,
/// run.json's error, final metrics and the config a result was trained with). <c>status</c>, the run
/// summary and <c>/api/trials</c> all show this.
/// </summary>
public sealed record TrialRecord(TrialId Id, string Directory, TrialState State, string? Note, Claim? Claim, RunRecord? Run)
{
    /// <summary>Where a pending trial continues from its checkpoint, e.g. "epoch 3 batch 120" (null: from the start).</summary>
    public string? ResumesAt { get; init; }

    public double? Final(string metric) => Run?.Final.GetValueOrDefault(metric);

    public string? Error => State is TrialState.Failed or TrialState.Damaged ? Note : null;

    /// <summary>
    /// Reads a trial folder. <paramref name="paramsSha256"/> is the hash of the hyperparameters the trial
    /// should have now (null when unknown): a complete trial that ran with others is stale.
    /// </summary>
    public static TrialRecord Read(string trialDir, TrialId id, string? paramsSha256) => Read(trialDir, id, _ => paramsSha256);

    /// <summary>As <see cref="Read(string, TrialId, string?)"/>, with the current hash computed from the run record (which may make parsing the config unnecessary).</summary>
    public static TrialRecord Read(string trialDir, TrialId id, Func<RunRecord?, string?> currentParams) =>
        Read(TrialFolder.ByPath(trialDir), id, currentParams);

    /// <summary>As <see cref="Read(string, TrialId, Func{RunRecord?, string?})"/>, from a folder opened once (its run.json and batch log relative to it).</summary>
    public static TrialRecord Read(TrialFolder at, TrialId id, Func<RunRecord?, string?> currentParams)
    {
        var trialDir = at.Path;
        // A folder that did not open beneath out/log holds nothing: its claim, decisions and checkpoints are not read by
        // path either, which would follow a link out of out/log.
        if (at.Gone) return new(id, trialDir, TrialState.Pending, null, null, null);
        var run = RunRecord.TryRead(at);
        // Its path made only where a path is asked (a first list of 100,000 trials opens each log relative to its folder).
        string BatchLog() => Path.Combine(trialDir, TrialFiles.BatchLog);
        // Opened at once (it exists when it opens: no stat first); where it does not open, asked whether it exists
        // (unless the folder's own descriptor said there is no entry of that name at all).
        var (opened, missing) = at.OpenFollowing(TrialFiles.BatchLog, id);
        if (opened is { Regular: false } folder && System.IO.Directory.Exists(BatchLog()))
        {
            folder.Handle.Dispose(); // a folder of that name is no log, as File.Exists says
            opened = null;
        }
        if (opened is not null || !missing && File.Exists(BatchLog()))
        {
            // A log that did not open beneath out/log is judged without opening it: nothing outside is read, not even
            // whether its header is whole.
            if (opened is null && SafeFiles.LeadsOut(at.RootOf(id), BatchLog())) return new(id, trialDir, TrialState.Damaged, LinkedOut, null, run);
            if (Damage(at.RootOf(id), trialDir, run, opened) is { } why) return new(id, trialDir, TrialState.Damaged, why, null, run);
            return Finished(trialDir, id, run, currentParams);
        }
        var claim = Claim.TryRead(trialDir);
        if (claim is not null && claim.LooksAlive()) return new(id, trialDir, TrialState.Running, null, claim, run);
        if (run is { Status: RunStatus.Failed }) return new(id, trialDir, TrialState.Failed, run.Error, claim, run);
        // A trial paused at a search rung stays paused until a decision promotes it past where it stopped.
        if (run is { Status: RunStatus.Paused, PausedAt: { } pausedAt })
        {
            var decisions = Search.SearchDecision.ReadAll(Path.GetDirectoryName(trialDir)!);
            if (Search.SearchDecision.Budget(decisions, id.Number, pausedAt) <= pausedAt)
                return new(id, trialDir, TrialState.Paused, PausedNote(run, Search.SearchDecision.Latest(decisions, id.Number) is { } d && d.Epoch == pausedAt ? d : null), claim, run);
        }
        var resumes = Attempt.LiveCheckpoint(trialDir) is { } checkpoint ? CheckpointHeader.TryRead(checkpoint)?.ResumesAt
            : Attempt.Latest(trialDir) is { HasCheckpoint: true } a ? $"its own checkpoint (attempt {a.Number + 1})" : null;
        var note = claim is not null ? $"interrupted: claim by {claim.Host}:{claim.Pid} is dead; the next run takes it over" : null;
        if (resumes is not null) note = note is null ? $"resumes at {resumes}" : $"resumes at {resumes}; {note}";
        return new(id, trialDir, TrialState.Pending, note, claim, run) { ResumesAt = resumes };
    }

    /// <summary>
    /// A trial whose batch log is whole (looked at, not damaged): complete, stale (its config asks for other values now)
    /// or diverged (its final loss is not finite), from its run record alone. A reader that knows the files unchanged
    /// since it last looked (report's cache) judges from here without reading them again.
    /// </summary>
    public static TrialRecord Finished(string trialDir, TrialId id, RunRecord? run, Func<RunRecord?, string?> currentParams)
    {
        // A result from before run.json recorded its hyperparameters cannot be judged stale.
        // The effective values when the result recorded them (a default written out changes nothing), else the values as written.
        var stale = (run?.EffectiveSha256 ?? run?.ParamsSha256) is { } ran && currentParams(run) is { } now && ran != now;
        // A result that ended in NaN has no value to rank or promote: it is shown as what it is.
        // The same rule as EpochTable.Diverged: the last val loss, or the last train loss of a log without val rows.
        if (!stale && run?.Final is { } final && (final.ContainsKey("val_loss") ? final["val_loss"] : final.GetValueOrDefault("train_loss")) is { } loss && !double.IsFinite(loss))
            return new(id, trialDir, TrialState.Diverged, $"diverged: its last {(final.ContainsKey("val_loss") ? "val" : "train")} loss is {loss.ToString(System.Globalization.CultureInfo.InvariantCulture)}; report and promote leave it out (and count it)", null, run);
        return new(id, trialDir, stale ? TrialState.Stale : TrialState.Complete,
            stale ? "its config changed since it ran (--rerun-stale retrains it)" : null, null, run);
    }

    /// <summary>"paused at epoch 3 of 9; rank 12 of 27 at epoch 3 (value 0.9123, cut-off 0.9311)".</summary>
    private static string PausedNote(RunRecord run, Search.SearchDecision? latest)
    {
        var of = run.Epochs is { } e ? $" of {e}" : "";
        var where = $"paused at epoch {run.PausedAt}{of}";
        if (latest is null) return where + "; waiting for the other trials of its rung";
        static string F(double? v) => v?.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture) ?? "none";
        return $"{where}; rank {latest.Rank} of {latest.Of} at epoch {latest.Epoch} (value {F(latest.Value)}, cut-off {F(latest.Cutoff)})";
    }

    /// <summary>A folder whose axis values left the tree: reported, never deleted.</summary>
    public static TrialRecord Orphan(string trialDir, TrialId id) =>
        new(id, trialDir, TrialState.Orphan, "its axis values are no longer in the tree; kept, not deleted", null, RunRecord.TryRead(trialDir));

    /// <summary>The config this trial's result was trained with (from run.json), when it has one.</summary>
    public JsonObject? TrainedConfig => State is TrialState.Complete or TrialState.Stale or TrialState.Orphan or TrialState.OtherCode ? Run?.Config : null;

    private const string LinkedOut = "batch_log.csv is a link out of out/log (not read); --rerun-damaged retrains it";

    // A finished log that is empty, lacks the header or has no complete row cannot be a result, whatever run.json says.
    // Not opened already (off Linux, or a link that changed since): opened beneath the root, never through a link out.
    private static string? Damage(string root, string trialDir, RunRecord? run, (Microsoft.Win32.SafeHandles.SafeFileHandle Handle, bool Regular, long Length)? fast)
    {
        var batchLog = fast is null ? Path.Combine(trialDir, TrialFiles.BatchLog) : null;
        try
        {
            // A FIFO would block the reader (status, the dashboard) forever: opened without blocking, then looked at (a
            // report of 10,000 trials makes four system calls here); where that cannot be done, looked at, then opened.
            if (fast is { Regular: false } || fast is null && !SafeFiles.IsRegularFile(batchLog!))
            {
                fast?.Handle.Dispose();
                return "batch_log.csv is not a regular file; --rerun-damaged retrains it";
            }
            using var stream = fast is null ? SafeFiles.Open(root, batchLog!) : null;
            if (fast is null && stream is null) return "batch_log.csv cannot be read beneath out/log; --rerun-damaged retrains it";
            using var handle = fast?.Handle ?? stream!.SafeFileHandle;
            // Any writer's log, read as the worker read it: a header naming epoch, mode and batch in any order (any length,
            // a byte-order mark or not), then at least one row.
            if (!Logs.BatchLogHeader.IsSound(handle, out var headerLength))
                return "batch_log.csv is damaged (empty or no header naming epoch, mode and batch); --rerun-damaged retrains it";
            if ((fast?.Length ?? RandomAccess.GetLength(handle)) <= headerLength)
                return "batch_log.csv has no rows; --rerun-damaged retrains it";
            if (run is { Status: not RunStatus.Complete })
                return $"batch_log.csv exists but run.json says '{run.Status.ToString().ToLowerInvariant()}'; --rerun-damaged retrains it";
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"batch_log.csv cannot be read ({ex.Message})";
        }
    }
}
