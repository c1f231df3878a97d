using System.Diagnostics;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Hypergrid.Config;
using Hypergrid.Config.Expansion;
using Hypergrid.Training;
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
        Func<bool> stillOwned, CancellationToken cancel)
    {
        var partial = Path.Combine(trialDir, TrialFiles.PartialLog);
        var record = new RunRecord
        {
            Status = RunStatus.Running,
            RunId = settings.RunId,
            Started = DateTimeOffset.UtcNow,
            Host = Environment.MachineName,
            Pid = Environment.ProcessId,
            Threads = settings.Threads,
            Versions = Versions(),
            SlurmJob = SlurmJob(),
        };
        var clock = Stopwatch.StartNew();
        try
        {
            if (File.Exists(partial)) File.Delete(partial); // left by a crashed attempt; we hold the claim now
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
                Config = config.ToJson(),
                Device = spec.Device,
                Data = data.Record,
            };
            record.Write(trialDir);
            log.WriteLine($"{DateTimeOffset.UtcNow:O} start on {record.Host} pid {record.Pid}, {settings.Threads} thread(s), data {data.Source} ({data.TrainCount} train / {data.ValCount} val)");

            using (var sink = new BatchLogWriter(partial)) TrainingLoop.Run(spec, data, sink, progress, cancel);
            if (!stillOwned()) return Lost(record, log, clock);

            // Final metrics are the epoch log's, the same numbers the dashboard plots; the epoch log is written now too.
            var table = EpochAggregator.FromBytes(File.ReadAllBytes(partial)) ?? throw new InvalidOperationException("the batch log has no header");
            record = Finish(record, RunStatus.Complete, clock) with { Final = table.FinalMetrics() };
            record.Write(trialDir);
            AtomicFile.WriteAllText(Path.Combine(trialDir, TrialFiles.EpochLog), table.ToCsv());
            File.Move(partial, Path.Combine(trialDir, TrialFiles.BatchLog));
            // The epoch log must not look older than the batch log it was built from (a rename keeps the partial log's time).
            File.SetLastWriteTimeUtc(Path.Combine(trialDir, TrialFiles.EpochLog), DateTime.UtcNow);
            log.WriteLine($"{DateTimeOffset.UtcNow:O} complete in {clock.Elapsed.TotalSeconds:F1} s: val_loss {record.Final.GetValueOrDefault("val_loss"):F4} val_acc {record.Final.GetValueOrDefault("val_acc"):F4}");
            return record;
        }
        catch (OperationCanceledException) when (!stillOwned())
        {
            return Lost(record, log, clock);
        }
        catch (OperationCanceledException)
        {
            record = Finish(record, RunStatus.Interrupted, clock) with { Error = "interrupted" };
            record.Write(trialDir);
            if (File.Exists(partial)) File.Delete(partial);
            log.WriteLine($"{DateTimeOffset.UtcNow:O} interrupted (SIGTERM); the trial stays pending");
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
            TryWriteFailure(record, trialDir, partial, log);
            if (!known) log.WriteLine(ex.ToString());
            return record;
        }
    }

    // A failure must be recorded even when the disk that caused it is still full; if that is impossible too, the
    // trial has no batch_log.csv and a dead claim, so it stays pending rather than looking finished.
    private static void TryWriteFailure(RunRecord record, string trialDir, string partial, TextWriter log)
    {
        try
        {
            record.Write(trialDir);
            if (File.Exists(partial)) File.Move(partial, Path.Combine(trialDir, TrialFiles.FailedLog), overwrite: true);
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

    private static RunRecord Finish(RunRecord r, RunStatus status, Stopwatch clock) =>
        r with { Status = status, Ended = DateTimeOffset.UtcNow, Seconds = Math.Round(clock.Elapsed.TotalSeconds, 3) };

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
        ["dotnet"] = Environment.Version.ToString(),
        ["os"] = System.Runtime.InteropServices.RuntimeInformation.OSDescription,
    };

    private static string Version(Assembly a) =>
        a.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? a.GetName().Version?.ToString() ?? "?";
}
