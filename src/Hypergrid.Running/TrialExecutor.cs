using System.Diagnostics;
using System.Reflection;
using Hypergrid.Config;
using Hypergrid.Config.Trials;
using Hypergrid.Config.Yaml;
using Hypergrid.Training;
using Hypergrid.Training.Logging;

namespace Hypergrid.Running;

/// <summary>
/// Runs one claimed trial and leaves its folder in an honest state: batch_log.csv appears (by rename)
/// only after training ended without error; a failure writes run.json 'failed' with the message;
/// an interruption (SIGTERM) leaves the trial pending for the next run.
/// </summary>
public static class TrialExecutor
{
    // stillOwned is asked before results are written: a worker whose claim was taken over touches nothing.
    public static TrialOutcome Execute(string trialDir, WorkerSettings settings, TextWriter log, TrainingLoop.Progress? progress,
        Func<bool> stillOwned, CancellationToken cancel)
    {
        var cfgPath = Path.Combine(trialDir, TrialFiles.Config);
        var configText = File.ReadAllText(cfgPath);
        var partial = Path.Combine(trialDir, TrialFiles.PartialLog);
        if (File.Exists(partial)) File.Delete(partial); // left by a crashed attempt; we hold the claim now
        var record = new RunRecord
        {
            Status = "running",
            RunId = settings.RunId,
            CfgSha256 = TrialFiles.ConfigHash(configText),
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
            var errors = new List<ConfigError>();
            var map = YamlLoader.LoadMapping(configText, cfgPath, errors);
            var spec = map is null ? null : TrialSpec.Parse(map, cfgPath, errors);
            if (spec is null) throw new ConfigException(errors);
            var data = spec.Data.Load(settings.DataDir);
            record = record with { Device = spec.Device, Data = data.Record };
            record.Write(trialDir);
            log.WriteLine($"{DateTimeOffset.UtcNow:O} start on {record.Host} pid {record.Pid}, {settings.Threads} thread(s), data {data.Source} ({data.TrainCount} train / {data.ValCount} val)");

            FinalMetrics final;
            using (var sink = new BatchLogWriter(partial)) final = TrainingLoop.Run(spec, data, sink, progress, cancel);
            if (!stillOwned()) return Lost(trialDir, log, clock);

            record = Finish(record, "complete", clock) with { Final = new() { ["val_loss"] = final.ValLoss, ["val_acc"] = final.ValAcc, ["best_val_acc"] = final.BestValAcc } };
            record.Write(trialDir);
            File.Move(partial, Path.Combine(trialDir, TrialFiles.BatchLog));
            log.WriteLine($"{DateTimeOffset.UtcNow:O} complete in {clock.Elapsed.TotalSeconds:F1} s: val_loss {final.ValLoss:F4} val_acc {final.ValAcc:F4}");
            return new TrialOutcome(trialDir, TrialState.Complete, clock.Elapsed.TotalSeconds, null);
        }
        catch (OperationCanceledException) when (!stillOwned())
        {
            return Lost(trialDir, log, clock);
        }
        catch (OperationCanceledException)
        {
            Finish(record, "interrupted", clock).Write(trialDir);
            if (File.Exists(partial)) File.Delete(partial);
            log.WriteLine($"{DateTimeOffset.UtcNow:O} interrupted (SIGTERM); the trial stays pending");
            return new TrialOutcome(trialDir, TrialState.Pending, clock.Elapsed.TotalSeconds, "interrupted");
        }
        catch (Exception) when (!stillOwned())
        {
            return Lost(trialDir, log, clock);
        }
        catch (Exception ex)
        {
            var message = ex is ConfigException or UsageException or TrainingDivergedException ? ex.Message : $"{ex.GetType().Name}: {ex.Message}";
            (Finish(record, "failed", clock) with { Error = message }).Write(trialDir);
            if (File.Exists(partial)) File.Move(partial, Path.Combine(trialDir, "batch_log.failed.csv"), overwrite: true);
            log.WriteLine($"{DateTimeOffset.UtcNow:O} failed: {message}");
            if (ex is not (ConfigException or UsageException or TrainingDivergedException)) log.WriteLine(ex.ToString());
            return new TrialOutcome(trialDir, TrialState.Failed, clock.Elapsed.TotalSeconds, message);
        }
    }

    // Another worker took the claim over after this one stalled past the timeout: its files are not ours to touch.
    private static TrialOutcome Lost(string trialDir, TextWriter log, Stopwatch clock)
    {
        log.WriteLine($"{DateTimeOffset.UtcNow:O} claim lost to another worker after a stall; stopped without writing results");
        return new TrialOutcome(trialDir, TrialState.Running, clock.Elapsed.TotalSeconds, "claim lost to another worker");
    }

    private static RunRecord Finish(RunRecord r, string status, Stopwatch clock) =>
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
        ["libtorch"] = "2.10.0 (cpu)",
        ["dotnet"] = Environment.Version.ToString(),
        ["os"] = System.Runtime.InteropServices.RuntimeInformation.OSDescription,
    };

    private static string Version(Assembly a) =>
        a.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? a.GetName().Version?.ToString() ?? "?";
}
