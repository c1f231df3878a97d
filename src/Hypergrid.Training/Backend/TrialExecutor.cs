using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Hypergrid.Config;
using Hypergrid.Config.Expansion;
using Hypergrid.Config.Trainers;
using Hypergrid.Training.Checkpoints;
using Hypergrid.Training.Logging;
using Hypergrid.Trials;
using Hypergrid.Trials.Lifecycle;

namespace Hypergrid.Training.Backend;

/// <summary>
/// Runs one claimed trial and leaves its folder in an honest state: batch_log.csv appears (by rename)
/// only after training ended without error; a failure writes run.json 'failed' with the message;
/// an interruption (SIGTERM) leaves the trial pending for the next run. Returns the run record it ended with.
/// </summary>
public static class TrialExecutor
{
    // stillOwned is asked before results are written: a worker whose claim was taken over touches nothing.
    public static RunRecord Execute(TrialAttempt life, TrainerRun run)
    {
        var (progress, cancel) = (run.Progress, run.Cancel);
        var (trialDir, log, stillOwned, say) = (life.TrialDir, life.Log, life.StillOwned, life.Say);
        // This attempt's own files: a worker that stalls past the claim timeout and wakes after a takeover can only
        // write into these, which its successor copied (never renamed) and nobody makes final.
        string? partial = null, checkpoint = null;
        try
        {
            TrialSpec? parsed = null;
            var config = life.ReadConfig((c, errors) => (parsed = TrialSpec.Parse(c, errors, out var normalized)) is null ? null : normalized, TrialSchema.Instance);
            // device: cuda means the trial's own GPU, counted among the pool's GPUs this worker sees.
            var spec = parsed! with { Device = TorchDevice.Of(parsed!.Device, run.Gpus, run.TrialGpus) };
            var data = spec.Data.Load(run.DataDir);
            life.Update(r => r with { Device = spec.Device, Data = data.Record });
            var template = new CheckpointHeader
            {
                CfgSha256 = life.Record.CfgSha256, ParamsSha256 = config.ParamsSha256(), Threads = run.Threads, DataChecksum = data.Checksum,
                Versions = life.Record.Versions.Where(v => ExactnessVersions.Contains(v.Key)).ToDictionary(),
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
            life.Write(r => r with { AttemptSeconds = resume is null ? null : RunRecord.EarlierAttempts(life.Previous) });
            var threadsNote = resume is { Header.Threads: var t } && t != run.Threads
                ? $"; the checkpoint was made with {t} thread(s), so later rows may differ from an uninterrupted run in the last bits" : "";
            say(resume is null
                ? $"start on {life.Record.Host} pid {life.Record.Pid}, {run.Threads} thread(s), data {data.Source} ({data.TrainCount} train / {data.ValCount} val)"
                : $"resume at {resume.Header.ResumesAt} (row {resume.Header.Rows}, {resume.Header.Seconds:F1} s trained) on {life.Record.Host} pid {life.Record.Pid}, {run.Threads} thread(s){threadsNote}");

            var options = new TrainingOptions
            {
                Progress = progress is null ? null : progress.Invoke,
                Cancel = cancel,
                Checkpoints = new Checkpointing(checkpoint, template)
                {
                    Every = spec.CheckpointEvery,
                    ResumeFrom = resume,
                    MayWrite = stillOwned,
                    Written = h => log.WriteLine($"{DateTimeOffset.UtcNow:O} checkpoint: resumes at {h.ResumesAt}, row {h.Rows}"),
                },
                WeightsPath = Path.Combine(attempt.Directory, TrialFiles.Weights),
                StopAfterEpoch = run.StopAfterEpoch,
            };
            bool finished;
            using (var sink = resume is null ? new BatchLogWriter(partial) : new BatchLogWriter(partial, new LogPosition(resume.Header.Rows, resume.Header.Bytes)))
                finished = TrainingLoop.Run(spec, data, sink, options);
            life.Update(r => { r.Versions["malloc"] = Training.Native.MallocTuning.Outcome; return r; }); // the perturb byte is set per model when training starts
            if (!stillOwned()) return life.Lost();
            var resumedFrom = resume?.Header.ResumesAt;
            // A search rung: the checkpoint (the next epoch's start) and the log stay in the attempt for a promotion.
            if (!finished) return life.Pause(options.StopAfterEpoch, spec.TrainerFactory.Settings.Epochs, r => r with { ResumedFrom = resumedFrom });

            // Final metrics are the epoch log's, the same numbers the dashboard plots; the epoch log is written now too.
            var weights = Path.Combine(attempt.Directory, TrialFiles.Weights);
            string weightsSha;
            using (var w = File.OpenRead(weights)) weightsSha = Convert.ToHexStringLower(SHA256.HashData(w));
            var bytes = File.ReadAllBytes(partial);
            return life.Complete(attempt, bytes, bytes.Length, r => r with { ResumedFrom = resumedFrom, WeightsSha256 = weightsSha }, [(weights, TrialFiles.Weights)],
                () => { if (spec.KeepCheckpoint) life.Keep(checkpoint, TrialFiles.Checkpoint); });
        }
        catch (OperationCanceledException) when (!stillOwned())
        {
            return life.Lost();
        }
        catch (OperationCanceledException)
        {
            var at = checkpoint is null ? null : CheckpointHeader.TryRead(checkpoint);
            if (at is null && partial is not null && File.Exists(partial)) File.Delete(partial);
            return life.Interrupt(at is null ? "interrupted" : $"interrupted; resumes at {at.ResumesAt}",
                at is null ? "interrupted; the trial stays pending" : $"interrupted after a checkpoint; the trial stays pending and resumes at {at.ResumesAt}");
        }
        catch (Exception) when (!stillOwned())
        {
            return life.Lost();
        }
        catch (Exception ex)
        {
            var known = ex is ConfigException or UsageException or TrainingDivergedException or IOException or UnauthorizedAccessException;
            var record = life.Fail(known ? ex.Message : $"{ex.GetType().Name}: {ex.Message}");
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
        var moved = TrialAttempt.Archive(trialDir, [path, attempt.PartialLog]);
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

    /// <summary>The versions a built-in attempt records: what can change its numbers (libtorch must be loaded).</summary>
    public static Dictionary<string, string> Versions() => new()
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

    private static string Version(Assembly a) =>
        a.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? a.GetName().Version?.ToString() ?? "?";
}
