using Hypergrid.Trials;

namespace Hypergrid.Dashboard.Tests;

/// <summary>Writes an out/log tree as the trainer would (see docs/files.md), for the dashboard to read.</summary>
public sealed class LogTree : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("hypergrid-dash-").FullName;
    public string Out => Path.Combine(Root, "out");
    public string Log => Path.Combine(Out, "log");

    public string Trial(string path) => Path.Combine(Log, path);

    /// <summary>A trial folder with a cfg.yaml holding the given keys (path keys added).</summary>
    public string AddTrial(string path, string configBody)
    {
        var dir = Trial(path);
        Directory.CreateDirectory(dir);
        var p = path.Split('/');
        var cfg = $"mode: {p[0]}\ndataset: {p[1]}\nmodel: {p[2]}\ntrainer: {p[3]}\n{configBody}";
        File.WriteAllText(Path.Combine(dir, TrialFiles.Config), cfg);
        return dir;
    }

    /// <summary>A complete trial: batch_log.csv with loss falling per epoch, and run.json.</summary>
    public string AddComplete(string path, string configBody, int epochs, int batches, double scale = 1.0)
    {
        var dir = AddTrial(path, configBody);
        File.WriteAllText(Path.Combine(dir, TrialFiles.BatchLog), BatchLog(1, epochs, batches, scale));
        // What the worker records: the config as trained and the hash of its hyperparameters.
        var config = Hypergrid.Config.Expansion.TrialConfig.FromMap(
            Hypergrid.Config.Yaml.YamlLoader.LoadMapping(File.ReadAllText(Path.Combine(dir, TrialFiles.Config)), path, [])!, path);
        new RunRecord
        {
            Status = RunStatus.Complete, Seconds = 1.5, Config = config.ToJson(), ParamsSha256 = config.ParamsSha256(),
            Data = new DataRecord("mnist", "test data", 100, 20, "x"), Final = new() { ["val_loss"] = 0.5 * scale, ["val_acc"] = 0.9 },
        }.Write(dir);
        return dir;
    }

    /// <summary>A running trial: a live claim by this process and a growing partial log.</summary>
    public string AddRunning(string path, string configBody, int epochs, int batches)
    {
        var dir = AddTrial(path, configBody);
        File.WriteAllText(Path.Combine(dir, TrialFiles.Claim), $"{{\"host\":\"{Environment.MachineName}\",\"pid\":{Environment.ProcessId}}}");
        File.WriteAllText(Path.Combine(dir, TrialFiles.PartialLog), BatchLog(1, epochs, batches, 1.0));
        return dir;
    }

    /// <summary>A pending trial that was interrupted after a checkpoint at the given point (only the checkpoint's header is written).</summary>
    public string AddInterrupted(string path, string configBody, int epoch, int batch)
    {
        var dir = AddTrial(path, configBody);
        using var file = File.Create(Path.Combine(dir, TrialFiles.Checkpoint));
        new CheckpointHeader { Epoch = epoch, Batch = batch, Epochs = 10, Batches = 400 }.WriteTo(file);
        return dir;
    }

    /// <summary>A trial paused at a search rung: its log up to that epoch and run.json saying where it stopped.</summary>
    public string AddPaused(string path, string configBody, int pausedAt, int epochs, int batches, double scale = 1.0)
    {
        var dir = AddTrial(path, configBody);
        File.WriteAllText(Path.Combine(dir, TrialFiles.PartialLog), BatchLog(1, pausedAt, batches, scale));
        new RunRecord { Status = RunStatus.Paused, PausedAt = pausedAt, Epochs = epochs }.Write(dir);
        return dir;
    }

    public static string BatchLog(int fromEpoch, int toEpoch, int batches, double scale, bool header = true) =>
        Hypergrid.Tests.SampleLogs.BatchLog(fromEpoch, toEpoch, batches, scale, header);

    public void Dispose()
    {
        try { Directory.Delete(Root, true); } catch (IOException) { }
    }
}
