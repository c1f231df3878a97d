using Hypergrid.Config.Expansion;
using Hypergrid.Config.Yaml;
using Hypergrid.Tests;
using Hypergrid.Trials;

namespace Hypergrid.Findings.Tests;

/// <summary>A generated out/log in a temp folder: complete trials with the config they ran with and a batch log.</summary>
public sealed class TrialLog : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("hypergrid-report-").FullName;

    public string Root => root;
    public string Log => Path.Combine(root, "log");

    public void Dispose() => Directory.Delete(root, true);

    /// <summary>A complete trial: cfg.yaml, run.json with the config it ran with, and a batch log (default: 3 epochs whose val acc = 1 - loss/4).</summary>
    public string Trial(string leaf, int number, string body, double scale, DataRecord? data = null, string? batchLog = null, Trials.Code.CodeRecord? code = null)
    {
        var p = leaf.Split('/');
        var dir = Path.Combine(Log, leaf, TrialFiles.FolderName(number));
        Directory.CreateDirectory(dir);
        var yaml = $"mode: {p[0]}\ndataset: {p[1]}\nmodel: {p[2]}\ntrainer: {p[3]}\n{body}";
        File.WriteAllText(Path.Combine(dir, TrialFiles.Config), yaml);
        var config = TrialConfig.FromMap(YamlLoader.LoadMapping(yaml, "t", [])!, "t");
        File.WriteAllText(Path.Combine(dir, TrialFiles.BatchLog), batchLog ?? SampleLogs.BatchLog(1, 3, 2, scale));
        new RunRecord { Status = RunStatus.Complete, Config = config.ToJson(), ParamsSha256 = config.ParamsSha256(), Data = data, Code = code }.Write(dir);
        return dir;
    }
}
