using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Hypergrid.Config;
using Hypergrid.Config.Expansion;
using Hypergrid.Training;
using Hypergrid.Training.Checkpoints;
using Hypergrid.Training.Logging;
using Hypergrid.Trials;
using Hypergrid.Trials.Logs;

namespace Hypergrid.Running;

/// <summary>
/// Runs one claimed trial and leaves its folder in an honest state: batch_log.csv appears (by rename)
/// only after training ended without error; a failure writes run.json 'failed' with the message;
/// an interruption (SIGTERM) leaves the trial pending for the next run. Returns the run record it ended with.
/// </summary>
public static class TrialExecutor
{
    // stillOwned is asked before results are written: a worker whose claim was taken over touches nothing.
    public static RunRecord Execute(string trialDir, WorkerSettings settings, TextWriter log, TrainingLoop.Progress? progress,
        Func<bool> stillOwned, CancellationToken cancel, Action<string>? say = null)
    {
        say ??= line => log.WriteLine($"{DateTimeOffset.UtcNow:O} {line}");
        // This attempt's own files: a worker that stalls past the claim timeout and wakes after a takeover can only
        // write into these, which its successor copied (never renamed) and nobody makes final.
        string? partial = null, checkpoint = null;
        var previous = RunRecord.TryRead(trialDir);
        var record = Started(settings, Versions());
        var clock = Stopwatch.StartNew();
        try
        {
            // The worker reads the cfg.yaml another process wrote: the only place a trial's config is parsed from text.
            var cfgPath = Path.Combine(trialDir, TrialFiles.Config);
            var text = File.ReadAllText(cfgPath);
            var errors = new List<ConfigError>();
            var config = TrialConfig.Load(cfgPath, errors);
            var spec = config is null ? null : TrialSpec.Parse(config, errors, out config);
            if (spec is null || config is null) throw new ConfigException(errors);
            var data = spec.Data.Load(settings.DataDir);
            record = record with
            {
                CfgSha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))),
                ParamsSha256 = config.ParamsSha256(),
                EffectiveSha256 = ResultHash.Effective(config, TrialSchema.Instance),
                Config = config.ToJson(),
                Device = spec.Device,
                Data = data.Record,
            };
            var template = new CheckpointHeader
            {
                CfgSha256 = record.CfgSha256, ParamsSha256 = record.ParamsSha256, Threads = settings.Threads, DataChecksum = data.Checksum,
                Versions = record.Versions.Where(v => ExactnessVersions.Contains(v.Key)).ToDictionary(),
            };
            var attempt = Attempt.Begin(trialDir, carry: true, out _);
            partial = attempt.PartialLog;
            checkpoint = Path.Combine(attempt.CheckpointDir, TrialFiles.Checkpoint);
            var resume = Resumable(trialDir, attempt, template, say);
            if (resume is null)
            {
                // Left by an attempt without a usable checkpoint: this attempt starts the trial again.
                if (File.Exists(partial)) File.Delete(partial);
                if (File.Exists(checkpoint)) File.Delete(checkpoint);
            }
            // A continued trial's time is the sum of its attempts; one started again counts from here.
            record = record with { AttemptSeconds = resume is null ? null : RunRecord.EarlierAttempts(previous) };
            record.Write(trialDir);
            var threadsNote = resume is { Header.Threads: var t } && t != settings.Threads
                ? $"; the checkpoint was made with {t} thread(s), so later rows may differ from an uninterrupted run in the last bits" : "";
            say(resume is null
                ? $"start on {record.Host} pid {record.Pid}, {settings.Threads} thread(s), data {data.Source} ({data.TrainCount} train / {data.ValCount} val)"
                : $"resume at {resume.Header.ResumesAt} (row {resume.Header.Rows}, {resume.Header.Seconds:F1} s trained) on {record.Host} pid {record.Pid}, {settings.Threads} thread(s){threadsNote}");

            var options = new TrainingOptions
            {
                Progress = progress,
                Cancel = cancel,
                Checkpoints = new Checkpointing(checkpoint, template)
                {
                    Every = spec.CheckpointEvery,
                    ResumeFrom = resume,
                    MayWrite = stillOwned,
                    Written = h => log.WriteLine($"{DateTimeOffset.UtcNow:O} checkpoint: resumes at {h.ResumesAt}, row {h.Rows}"),
                },
                WeightsPath = Path.Combine(attempt.Directory, TrialFiles.Weights),
                StopAfterEpoch = spec.Search is { } search ? Search.LeafSearch.StopAfter(trialDir, search, spec.TrainerFactory.Settings.Epochs) : null,
            };
            bool finished;
            using (var sink = resume is null ? new BatchLogWriter(partial) : new BatchLogWriter(partial, new LogPosition(resume.Header.Rows, resume.Header.Bytes)))
                finished = TrainingLoop.Run(spec, data, sink, options);
            record.Versions["malloc"] = Training.Native.MallocTuning.Outcome; // the perturb byte is set per model when training starts
            if (!stillOwned()) return Lost(record, log, clock);
            if (!finished)
            {
                // A search rung: the checkpoint (the next epoch's start) and the log stay in the attempt for a promotion.
                record = Finish(record, RunStatus.Paused, clock) with { PausedAt = options.StopAfterEpoch, Epochs = spec.TrainerFactory.Settings.Epochs, ResumedFrom = resume?.Header.ResumesAt };
                record.Write(trialDir);
                say($"paused at epoch {options.StopAfterEpoch} of {spec.TrainerFactory.Settings.Epochs} (search rung); its checkpoint is kept");
                return record;
            }

            // Final metrics are the epoch log's, the same numbers the dashboard plots; the epoch log is written now too.
            var table = EpochAggregator.FromBytes(File.ReadAllBytes(partial)) ?? throw new InvalidOperationException("the batch log has no header");
            record = Finish(record, RunStatus.Complete, clock) with { Final = table.FinalMetrics(), ResumedFrom = resume?.Header.ResumesAt };
            var weights = Path.Combine(attempt.Directory, TrialFiles.Weights);
            using (var w = File.OpenRead(weights)) record = record with { WeightsSha256 = Convert.ToHexStringLower(SHA256.HashData(w)) };
            // The results are written only while the claim is still this worker's, asked again just before each step.
            if (!stillOwned()) return Lost(record, log, clock);
            File.Move(weights, Path.Combine(trialDir, TrialFiles.Weights), overwrite: true);
            record.Write(trialDir);
            AtomicFile.WriteAllText(Path.Combine(trialDir, TrialFiles.EpochLog), table.ToCsv());
            if (!stillOwned()) return Lost(record, log, clock);
            File.Move(partial, Path.Combine(trialDir, TrialFiles.BatchLog));
            // The epoch log must not look older than the batch log it was built from (a rename keeps the partial log's time).
            File.SetLastWriteTimeUtc(Path.Combine(trialDir, TrialFiles.EpochLog), DateTime.UtcNow);
            if (spec.KeepCheckpoint && File.Exists(checkpoint)) File.Move(checkpoint, Path.Combine(trialDir, TrialFiles.Checkpoint), overwrite: true);
            Attempt.RemoveUpTo(trialDir, attempt.Number);
            // A failed attempt's log of an older version must not lie beside the result.
            File.Delete(Path.Combine(trialDir, TrialFiles.FailedLog));
            say($"complete in {clock.Elapsed.TotalSeconds:F1} s: val_loss {record.Final.GetValueOrDefault("val_loss"):F4} val_acc {record.Final.GetValueOrDefault("val_acc"):F4}");
            return record;
        }
        catch (OperationCanceledException) when (!stillOwned())
        {
            return Lost(record, log, clock);
        }
        catch (OperationCanceledException)
        {
            var at = checkpoint is null ? null : CheckpointHeader.TryRead(checkpoint);
            record = Finish(record, RunStatus.Interrupted, clock) with { Error = at is null ? "interrupted" : $"interrupted; resumes at {at.ResumesAt}" };
            record.Write(trialDir);
            if (at is null && partial is not null && File.Exists(partial)) File.Delete(partial);
            say(at is null ? "interrupted; the trial stays pending" : $"interrupted after a checkpoint; the trial stays pending and resumes at {at.ResumesAt}");
            return record;
        }
        catch (Exception) when (!stillOwned())
        {
            return Lost(record, log, clock);
        }
        catch (Exception ex)
        {
            var known = ex is ConfigException or UsageException or TrainingDivergedException or IOException or UnauthorizedAccessException;
            var message = known ? ex.Message : $"{ex.GetType().Name}: {ex.Message}";
            record = Finish(record, RunStatus.Failed, clock) with { Error = message };
            TryWriteFailure(record, trialDir, log);
            if (!known) log.WriteLine(ex.ToString());
            return record;
        }
    }

    // The versions whose change can change a trial's numbers: a checkpoint made by another build starts the trial again.
    private static readonly string[] ExactnessVersions = ["hypergrid", "torchsharp", "libtorch"];

    /// <summary>
    /// The trial's checkpoint if it can continue this trial exactly: intact, made for these hyperparameter values by
    /// this build, and matched by the partial log. Otherwise it and the partial log move to previous/&lt;time&gt;/
    /// with a line saying why, and the trial starts from scratch.
    /// </summary>
    public static CheckpointFile? Resumable(string trialDir, Attempt attempt, CheckpointHeader now, Action<string> say)
    {
        var path = Path.Combine(attempt.CheckpointDir, TrialFiles.Checkpoint);
        if (!File.Exists(path)) return null;
        CheckpointFile? file = null;
        string why;
        try
        {
            file = CheckpointFile.Read(path);
            var h = file.Header;
            var changed = now.Versions.FirstOrDefault(v => h.Versions.GetValueOrDefault(v.Key) != v.Value);
            why = h.ParamsSha256 != now.ParamsSha256 ? "it was made for other hyperparameter values (cfg.yaml changed since)"
                : h.DataChecksum is { } made && now.DataChecksum is { } have && made != have ? $"it was made on other data (checksum {made[..Math.Min(12, made.Length)]}, the data now {have[..Math.Min(12, have.Length)]}: the data folder changed)"
                : changed.Key is { } name ? $"it was made by {name} {h.Versions.GetValueOrDefault(name, "?")} and this is {changed.Value}, which may train differently"
                : LogMismatch(attempt.PartialLog, h) ?? "";
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            why = $"it is damaged: {ex.Message}";
        }
        if (why.Length == 0) return file;
        var moved = Archive(trialDir, [path, attempt.PartialLog]);
        say($"checkpoint.bin not used: {why}; starting from scratch (it and the partial log moved to {moved})");
        return null;
    }

    // The partial log must hold at least the checkpoint's rows, ending at its byte count on a line end.
    private static string? LogMismatch(string partial, CheckpointHeader h)
    {
        if (!File.Exists(partial)) return "batch_log.partial.csv is missing";
        using var stream = new FileStream(partial, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        if (stream.Length < h.Bytes) return $"batch_log.partial.csv has {stream.Length} bytes, the checkpoint needs {h.Bytes}";
        var buffer = new byte[1 << 16];
        long lines = 0, left = h.Bytes;
        var last = (byte)0;
        while (left > 0)
        {
            var n = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            if (n == 0) break;
            lines += buffer.AsSpan(0, n).Count((byte)'\n');
            last = buffer[n - 1];
            left -= n;
        }
        return last == (byte)'\n' && lines == h.Rows + 1 ? null
            : $"batch_log.partial.csv does not end a row at byte {h.Bytes} after {h.Rows} rows";
    }

    /// <summary>
    /// Moves the named files or folders of a trial (names in it, or paths anywhere in it) into previous/&lt;time&gt;/;
    /// returns that folder relative to the trial.
    /// </summary>
    internal static string Archive(string trialDir, IEnumerable<string> names)
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

    // A failure must be recorded even when the disk that caused it is still full; if that is impossible too, the
    // trial has no batch_log.csv and a dead claim, so it stays pending rather than looking finished.
    // The attempt's checkpoint and log stay where they are: a failure (a full disk, a missing file) may be passing, and
    // the next attempt continues them if they still fit together.
    private static void TryWriteFailure(RunRecord record, string trialDir, TextWriter log)
    {
        try
        {
            record.Write(trialDir);
            log.WriteLine($"{DateTimeOffset.UtcNow:O} failed: {record.Error}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            try { log.WriteLine($"{DateTimeOffset.UtcNow:O} failed: {record.Error}; the failure could not be recorded either: {ex.Message}"); }
            catch (IOException) { }
        }
    }

    // Another worker took the claim over after this one stalled past the timeout: its files are not ours to touch.
    private static RunRecord Lost(RunRecord record, TextWriter log, Stopwatch clock)
    {
        log.WriteLine($"{DateTimeOffset.UtcNow:O} claim lost to another worker after a stall; stopped without writing results");
        return Finish(record, RunStatus.Lost, clock) with { Error = "claim lost to another worker" };
    }

    private static RunRecord Finish(RunRecord r, RunStatus status, Stopwatch clock) => r.Finished(status, clock.Elapsed.TotalSeconds);

    /// <summary>The run.json of an attempt that starts now on this host and process (any trainer).</summary>
    internal static RunRecord Started(WorkerSettings settings, Dictionary<string, string> versions) => new()
    {
        Status = RunStatus.Running,
        RunId = settings.RunId,
        Started = DateTimeOffset.UtcNow,
        Host = Environment.MachineName,
        Pid = Environment.ProcessId,
        Threads = settings.Threads,
        Versions = versions,
        SlurmJob = SlurmJob(),
    };

    private static string? SlurmJob()
    {
        var job = Environment.GetEnvironmentVariable("SLURM_ARRAY_JOB_ID") ?? Environment.GetEnvironmentVariable("SLURM_JOB_ID");
        var task = Environment.GetEnvironmentVariable("SLURM_ARRAY_TASK_ID");
        return job is null ? null : task is null ? job : $"{job}_{task}";
    }

    private static Dictionary<string, string> Versions() => new()
    {
        ["hypergrid"] = Version(typeof(TrialExecutor).Assembly),
        ["torchsharp"] = Version(typeof(TorchSharp.torch).Assembly),
        ["libtorch"] = Training.Native.LibTorchLoader.LibTorchVersion,
        ["mkl"] = Training.Native.LibTorchLoader.Mkl,
        ["malloc"] = Training.Native.MallocTuning.Outcome,
        ["pool"] = Training.Models.ReluMaxPool.Outcome,
        ["dotnet"] = Environment.Version.ToString(),
        ["os"] = System.Runtime.InteropServices.RuntimeInformation.OSDescription,
    };

    internal static string Version(Assembly a) =>
        a.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? a.GetName().Version?.ToString() ?? "?";
}
