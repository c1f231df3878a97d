using System.Text.Json;

namespace Hypergrid.Config.Trials;

/// <summary>
/// claim.json: who trains a trial. Created exclusively; its modification time is the heartbeat.
/// A claim is dead when its process is gone on this host or its heartbeat is older than the timeout.
/// </summary>
public sealed record Claim
{
    public string Host { get; init; } = "";
    public int Pid { get; init; }
    public DateTimeOffset Start { get; init; }
    public int Epoch { get; init; }
    public string? SlurmJobId { get; init; }
    public string? SlurmTaskId { get; init; }

    /// <summary>A heartbeat older than this marks a claim dead even on another host.</summary>
    public static TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(90);

    public static readonly TimeSpan HeartbeatEvery = TimeSpan.FromSeconds(5);

    public DateTime Heartbeat { get; private init; }

    public static Claim? TryRead(string trialDir)
    {
        var path = Path.Combine(trialDir, TrialFiles.Claim);
        try
        {
            if (!File.Exists(path)) return null;
            var claim = JsonSerializer.Deserialize<Claim>(File.ReadAllText(path), RunRecord.Json);
            return claim is null ? null : claim with { Heartbeat = File.GetLastWriteTimeUtc(path) };
        }
        catch (Exception ex) when (ex is JsonException or IOException)
        {
            // A claim being created is momentarily empty; treat it as alive until the timeout says otherwise.
            return File.Exists(path) ? new Claim { Host = "?", Heartbeat = File.GetLastWriteTimeUtc(path) } : null;
        }
    }

    public bool IsAlive()
    {
        if (DateTime.UtcNow - Heartbeat > Timeout) return false;
        if (Host != Environment.MachineName || Pid <= 0) return true;
        return ProcessIsAlive(Pid);
    }

    private static bool ProcessIsAlive(int pid)
    {
        // A zombie (state Z) has exited; /proc still lists it until its parent reaps it.
        var stat = $"/proc/{pid}/stat";
        try
        {
            if (!File.Exists(stat)) return false;
            var text = File.ReadAllText(stat);
            var state = text[(text.LastIndexOf(')') + 2)..].Split(' ')[0];
            return state != "Z" && state != "X";
        }
        catch (IOException) { return false; }
    }
}
