using System.Diagnostics;
using System.Globalization;
using Hypergrid.Trials.Logs;

namespace Hypergrid.Trials.Lifecycle;

/// <summary>
/// The one owner of a claimed trial's attempt, whatever trains it: it starts run.json, makes every state change
/// (paused, interrupted, failed, lost, complete), commits the result and keeps or drops checkpoints. Results are written
/// only while the claim is still this worker's (asked again before each step): a worker whose claim was taken over
/// after a stall writes nothing. A trainer backend does the training and says how it ended; it never writes run.json,
/// the logs of the result or the attempt folders itself.
/// </summary>
public sealed class TrialAttempt
{
    private readonly Stopwatch clock = Stopwatch.StartNew();

    /// <summary>
    /// An attempt of a claimed trial, started now on this host and process: run.json's record as it begins (written at
    /// <see cref="Write"/>), and run.json as the attempt found it (<see cref="Previous"/>).
    /// </summary>
    public TrialAttempt(string trialDir, string runId, int threads, Dictionary<string, string> versions, TextWriter log, Func<bool> stillOwned, Action<string> say)
    {
        TrialDir = trialDir;
        Log = log;
        StillOwned = stillOwned;
        Say = say;
        Previous = RunRecord.TryRead(trialDir);
        Record = new RunRecord
        {
            Status = RunStatus.Running,
            RunId = runId,
            Started = DateTimeOffset.UtcNow,
            Host = Environment.MachineName,
            Pid = Environment.ProcessId,
            Threads = threads,
            Versions = versions,
            SlurmJob = SlurmJob(),
        };
    }

    public string TrialDir { get; }

    /// <summary>The trial's worker.log (synchronized: a program's output pumps share it).</summary>
    public TextWriter Log { get; }

    /// <summary>Whether the trial's claim is still this worker's.</summary>
    public Func<bool> StillOwned { get; }

    /// <summary>Says a line to the run's output and the trial's worker.log.</summary>
    public Action<string> Say { get; }

    /// <summary>run.json as the attempt found it (null: none, or unreadable).</summary>
    public RunRecord? Previous { get; }

    /// <summary>run.json's record as it stands.</summary>
    public RunRecord Record { get; private set; }

    /// <summary>Changes the record (what the attempt learned: hashes, config, code) without writing it.</summary>
    public void Update(Func<RunRecord, RunRecord> change) => Record = change(Record);

    /// <summary>Changes the record and writes run.json.</summary>
    public void Write(Func<RunRecord, RunRecord>? change = null)
    {
        if (change is not null) Record = change(Record);
        Record.Write(TrialDir);
    }

    /// <summary>A line in the trial's worker.log only, time-stamped.</summary>
    public void Note(string line) => Log.WriteLine($"{DateTimeOffset.UtcNow:O} {line}");

    private RunRecord Finish(RunStatus status) => Record.Finished(status, clock.Elapsed.TotalSeconds);

    /// <summary>Seconds since the attempt began.</summary>
    public double Seconds => clock.Elapsed.TotalSeconds;

    /// <summary>Another worker holds the claim now (or claim.json was rewritten): nothing of the trial's is touched.</summary>
    public RunRecord Lost()
    {
        Note($"{LostClaim}; stopped without writing results (a program is killed)");
        return Record = Finish(RunStatus.Lost) with { Error = LostClaim };
    }

    private const string LostClaim = "claim lost to another worker after a stall, or claim.json was rewritten (by the program?): it no longer names this worker";

    /// <summary>
    /// The attempt failed. A failure must be recorded even when the disk that caused it is still full; if that is
    /// impossible too, the trial has no batch_log.csv and a dead claim, so it stays pending rather than looking finished.
    /// The attempt's checkpoint and log stay where they are: the failure may be passing, and the next attempt continues
    /// them if they still fit together.
    /// </summary>
    public RunRecord Fail(string error)
    {
        Record = Finish(RunStatus.Failed) with { Error = error };
        try
        {
            Record.Write(TrialDir);
            Note($"failed: {error}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            try { Note($"failed: {error}; the failure could not be recorded either: {ex.Message}"); }
            catch (IOException) { }
        }
        return Record;
    }

    /// <summary>Paused at a search rung: its checkpoint and log stay in the attempt for a promotion.</summary>
    public RunRecord Pause(int? at, int? epochs, Func<RunRecord, RunRecord>? change = null, string kept = "its checkpoint is kept")
    {
        Record = (change ?? (r => r))(Finish(RunStatus.Paused) with { PausedAt = at, Epochs = epochs, Error = null });
        Record.Write(TrialDir);
        Say($"paused at epoch {at}{(epochs is { } e ? $" of {e}" : "")} (search rung); {kept}");
        return Record;
    }

    /// <summary>Interrupted (a stop, or a program that asked to be continued): the trial stays pending.</summary>
    public RunRecord Interrupt(string error, string said, bool yielded = false)
    {
        Record = Finish(RunStatus.Interrupted) with { Error = error, Yielded = yielded };
        Record.Write(TrialDir);
        Say(said);
        return Record;
    }

    /// <summary>
    /// Commits a finished attempt: the record with the epoch log's final metrics (and <paramref name="change"/>), the
    /// attempt's artifacts moved into the trial (<paramref name="artifacts"/>: a path and the trial file it becomes),
    /// run.json and epoch_log.csv, then batch_log.csv, a copy of the log's first <paramref name="length"/> bytes written
    /// by Hypergrid (whatever still holds the partial log open writes into a file nobody makes final); then the
    /// checkpoint is kept (<paramref name="keep"/>) or dropped with the attempt folders, and a failed attempt's old log
    /// goes (<paramref name="attempt"/> and every earlier one are removed). Each step is taken only while the claim is
    /// still this worker's.
    /// </summary>
    public RunRecord Complete(Attempt attempt, byte[] log, int length, Func<RunRecord, RunRecord>? change = null,
        IReadOnlyList<(string From, string Name)>? artifacts = null, Action? keep = null)
    {
        var table = EpochAggregator.FromBytes(log.AsSpan(0, length).ToArray()) ?? throw new InvalidDataException("the batch log has no header");
        Record = (change ?? (r => r))(Finish(RunStatus.Complete) with { Final = table.FinalMetrics() });
        if (!StillOwned()) return Lost();
        // What the result is made of first (the artifacts, the epoch log: nothing reads them without the batch log);
        // run.json says complete and batch_log.csv makes it so only after the last check, one right after the other.
        foreach (var (from, name) in artifacts ?? []) File.Move(from, Path.Combine(TrialDir, name), overwrite: true);
        AtomicFile.WriteAllBytes(Path.Combine(TrialDir, TrialFiles.EpochLog), table.ToCsvBytes());
        if (!StillOwned()) return Lost();
        Record.Write(TrialDir);
        AtomicFile.WriteAllBytes(Path.Combine(TrialDir, TrialFiles.BatchLog), log.AsSpan(0, length));
        // The result stands from here: a cleanup that fails is said, never turned into a failure beside a whole result.
        try
        {
            // The epoch log must not look older than the batch log it was built from.
            File.SetLastWriteTimeUtc(Path.Combine(TrialDir, TrialFiles.EpochLog), DateTime.UtcNow);
            keep?.Invoke();
            Attempt.RemoveUpTo(TrialDir, attempt.Number);
            // A failed attempt's log of an older version must not lie beside the result.
            File.Delete(Path.Combine(TrialDir, TrialFiles.FailedLog));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Note($"complete, but a cleanup after the result was written failed: {ex.Message}");
        }
        var final = Record.Final.Count == 0 ? $"{table.Rows} epoch rows" : string.Join(' ', Record.Final.Select(kv => $"{kv.Key} {kv.Value:F4}"));
        Say($"complete in {Seconds:F1} s: {final}");
        return Record;
    }

    /// <summary>
    /// Keeps this attempt's checkpoint (a file or a folder) as <paramref name="name"/> in the trial folder once the trial
    /// is complete, in place of any one there: a kept checkpoint is the one of the result beside it (one an earlier
    /// result left, its results deleted by hand to train again, is not). Nothing to keep: nothing changes.
    /// </summary>
    public void Keep(string checkpoint, string name)
    {
        var kept = Path.Combine(TrialDir, name);
        if (File.Exists(checkpoint)) File.Move(checkpoint, kept, overwrite: true);
        else if (Directory.Exists(checkpoint))
        {
            // Whatever holds the name goes: a link as itself (never what it points to), a file, a folder with its contents.
            if (File.Exists(kept) || new FileInfo(kept).LinkTarget is not null) File.Delete(kept);
            else if (Directory.Exists(kept)) Directory.Delete(kept, recursive: true);
            Directory.Move(checkpoint, kept);
        }
    }

    /// <summary>
    /// Moves the named files or folders of a trial (names in it, or paths anywhere in it) into previous/&lt;time&gt;/;
    /// returns that folder relative to the trial.
    /// </summary>
    public static string Archive(string trialDir, IEnumerable<string> names)
    {
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss-fff", CultureInfo.InvariantCulture);
        var target = Path.Combine(trialDir, TrialFiles.Previous, stamp);
        Directory.CreateDirectory(target);
        foreach (var name in names)
        {
            var from = Path.Combine(trialDir, name);
            var to = Path.Combine(target, Path.GetFileName(name));
            if (File.Exists(from) || new FileInfo(from).LinkTarget is not null) File.Move(from, to); // a link moves as itself
            else if (Directory.Exists(from)) Directory.Move(from, to);
        }
        return $"{TrialFiles.Previous}/{stamp}/";
    }

    private static string? SlurmJob()
    {
        var job = Environment.GetEnvironmentVariable("SLURM_ARRAY_JOB_ID") ?? Environment.GetEnvironmentVariable("SLURM_JOB_ID");
        var task = Environment.GetEnvironmentVariable("SLURM_ARRAY_TASK_ID");
        return job is null ? null : task is null ? job : $"{job}_{task}";
    }
}
