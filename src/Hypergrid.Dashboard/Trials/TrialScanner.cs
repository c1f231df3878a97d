using System.Collections.Concurrent;
using Hypergrid.Config;
using Hypergrid.Config.Expansion;
using Hypergrid.Config.Trials;
using Hypergrid.Config.Yaml;

namespace Hypergrid.Dashboard.Trials;

/// <summary>
/// Lists every trial under out/log. A trial folder is re-read only when its modification time
/// changes (every write in a trial is a create or rename); a claimed trial's liveness is checked
/// on each call. That keeps the list of 1,000 trials a matter of milliseconds.
/// </summary>
public sealed class TrialScanner(string logRoot)
{
    private readonly ConcurrentDictionary<string, (DateTime Stamp, TrialInfo Info, string ConfigText)> cache = new();

    public string LogRoot => logRoot;

    public IReadOnlyList<TrialInfo> Scan()
    {
        var result = new List<TrialInfo>();
        if (!Directory.Exists(logRoot)) return result;
        foreach (var dir in TrialDirs())
        {
            var stamp = Directory.GetLastWriteTimeUtc(dir);
            if (!cache.TryGetValue(dir, out var entry) || entry.Stamp != stamp)
            {
                var configText = ReadConfig(dir);
                entry = (stamp, Read(dir, configText), configText);
                cache[dir] = entry;
            }
            else if (File.Exists(Path.Combine(dir, TrialFiles.Claim)))
            {
                entry.Info = entry.Info with { State = Describe(TrialStatus.Read(dir, entry.ConfigText).State) };
            }
            result.Add(entry.Info);
        }
        return result;
    }

    private IEnumerable<string> TrialDirs()
    {
        // out/log/<mode>/<dataset>/<model>/<trainer>/trial_###
        IEnumerable<string> level = [logRoot];
        for (var depth = 0; depth < 4; depth++) level = level.SelectMany(Directory.EnumerateDirectories).Order(StringComparer.Ordinal);
        return level.SelectMany(d => Directory.EnumerateDirectories(d).Where(t => TrialFolder.TryParse(Path.GetFileName(t), out _)).Order(StringComparer.Ordinal));
    }

    private static string ReadConfig(string dir)
    {
        var path = Path.Combine(dir, TrialFiles.Config);
        return File.Exists(path) ? File.ReadAllText(path) : "";
    }

    private TrialInfo Read(string dir, string configText)
    {
        var rel = Path.GetRelativePath(logRoot, dir).Replace('\\', '/');
        var parts = rel.Split('/');
        var status = TrialStatus.Read(dir, configText);
        var map = YamlLoader.LoadMapping(configText, rel, new List<ConfigError>());
        var run = status.Run;
        string? log = File.Exists(Path.Combine(dir, TrialFiles.BatchLog)) ? "batch_log.csv"
            : File.Exists(Path.Combine(dir, TrialFiles.PartialLog)) ? "batch_log.partial.csv" : null;
        return new TrialInfo(rel, parts[0], parts[1], parts[2], parts[3], parts[4], Describe(status.State),
            map is null ? null : ConfigJson.Object(map), run?.Data?.Source, run?.Data?.TrainSamples, run?.Data?.ValSamples,
            run?.Final ?? [], run?.Seconds, status.State == TrialState.Failed ? run?.Error : null, log);
    }

    private static string Describe(TrialState s) => s.ToString().ToLowerInvariant();
}
