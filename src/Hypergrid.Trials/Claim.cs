using System.Text.Json;

namespace Hypergrid.Trials;

/// <summary>
/// claim.json: who trains a trial (host, pid, start, heartbeat). Created exclusively; the holder rewrites
/// it (temp file + rename) every few seconds with a new heartbeat.
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

    /// <summary>
    /// A heartbeat older than this marks a claim dead even on another host: 90 s, or HYPERGRID_CLAIM_TIMEOUT_SECONDS
    /// (for tests that stall a worker past it; every process sharing an out/log must use the same value).
    /// </summary>
    public static TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(
        double.TryParse(Environment.GetEnvironmentVariable("HYPERGRID_CLAIM_TIMEOUT_SECONDS"), System.Globalization.CultureInfo.InvariantCulture, out var s) && s > 0 ? s : 90);

    /// <summary>How often a holder renews its claim: every 5 s, or more often under a short timeout.</summary>
    public static readonly TimeSpan HeartbeatEvery = TimeSpan.FromSeconds(Math.Min(5, Timeout.TotalSeconds / 6));

    /// <summary>When the holder last said it is alive; the file's modification time when that is later.</summary>
    public DateTimeOffset Heartbeat { get; init; }

    public static Claim? TryRead(string trialDir)
    {
        var path = Path.Combine(trialDir, TrialFiles.Claim);
        try
        {
            if (!File.Exists(path)) return null;
            // A FIFO or a link named claim.json is not a claim anyone wrote: it reads as a claim being created (alive until the timeout).
            var text = SafeFiles.ReadOwnText(path) ?? throw new IOException("claim.json is not a regular file");
            var claim = JsonSerializer.Deserialize(text, TrialJson.Default.Claim);
            if (claim is null) return null;
            var touched = new DateTimeOffset(File.GetLastWriteTimeUtc(path), TimeSpan.Zero);
            return claim.Heartbeat >= touched ? claim : claim with { Heartbeat = touched };
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            // A claim being created is momentarily empty; treat it as alive until the timeout says otherwise.
            return File.Exists(path) ? new Claim { Host = "?", Heartbeat = new DateTimeOffset(File.GetLastWriteTimeUtc(path), TimeSpan.Zero) } : null;
        }
    }

    public bool IsAlive()
    {
        if (DateTimeOffset.UtcNow - Heartbeat > Timeout) return false;
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
