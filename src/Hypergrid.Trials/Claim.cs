using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hypergrid.Trials;

/// <summary>
/// claim.json: who trains a trial (host, pid, start) and a heartbeat counter. Created exclusively; the holder rewrites
/// it (temp file + rename) every few seconds with the counter one higher.
/// A claim is dead when its process is gone on this host, or its holder here left it unrenewed for the timeout, or when
/// this process has seen it unchanged for the timeout (<see cref="ClaimWatch"/>): clocks of different nodes are never
/// compared, so a node ahead or behind neither takes a live claim over nor waits past the timeout for a dead one.
/// </summary>
public sealed record Claim
{
    public string Host { get; init; } = "";
    public int Pid { get; init; }
    public DateTimeOffset Start { get; init; }
    public int Epoch { get; init; }
    public string? SlurmJobId { get; init; }
    public string? SlurmTaskId { get; init; }

    /// <summary>The holder's heartbeat counter: one higher at every renewal (what a taker watches).</summary>
    public long Beat { get; init; }

    /// <summary>
    /// A claim seen unchanged this long is dead, even on another host: 90 s, or HYPERGRID_CLAIM_TIMEOUT_SECONDS
    /// (for tests that stall a worker past it; every process sharing an out/log must use the same value).
    /// </summary>
    public static TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(
        double.TryParse(Environment.GetEnvironmentVariable("HYPERGRID_CLAIM_TIMEOUT_SECONDS"), System.Globalization.CultureInfo.InvariantCulture, out var s) && s > 0 ? s : 90);

    /// <summary>How often a holder renews its claim: every 5 s, or more often under a short timeout.</summary>
    public static readonly TimeSpan HeartbeatEvery = TimeSpan.FromSeconds(Math.Min(5, Timeout.TotalSeconds / 6));

    /// <summary>When the holder last renewed its claim, by the holder's clock: shown to people, never compared with another clock.</summary>
    public DateTimeOffset Heartbeat { get; init; }

    /// <summary>The file this claim was read from.</summary>
    [JsonIgnore] public string Path { get; init; } = "";

    /// <summary>The file's text as read: any change of it (a new counter, a new holder) shows its holder alive.</summary>
    [JsonIgnore] public string Text { get; init; } = "";

    /// <summary>The file's modification time (the filesystem's clock on a shared filesystem); for display only.</summary>
    [JsonIgnore] public DateTimeOffset Touched { get; init; }

    public static Claim? TryRead(string trialDir)
    {
        var path = System.IO.Path.Combine(trialDir, TrialFiles.Claim);
        try
        {
            if (!File.Exists(path)) return null;
            // A FIFO or a link named claim.json is not a claim anyone wrote: it reads as a claim being created (alive until the timeout).
            var text = SafeFiles.ReadOwnText(path) ?? throw new IOException("claim.json is not a regular file");
            var claim = JsonSerializer.Deserialize(text, TrialJson.Default.Claim);
            if (claim is null) return null;
            return claim with { Path = path, Text = text, Touched = Mtime(path) };
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            // A claim being created is momentarily empty; treat it as unknown until it is seen unchanged for the timeout.
            return File.Exists(path) ? new Claim { Host = "?", Path = path, Text = "?", Touched = Mtime(path) } : null;
        }
    }

    private static DateTimeOffset Mtime(string path) => new(File.GetLastWriteTimeUtc(path), TimeSpan.Zero);

    /// <summary>What this process knows of the claim: its holder's process on this host, else the watch of its counter.</summary>
    public ClaimWatch.Verdict Liveness()
    {
        var watched = ClaimWatch.Process.Observe(Path, Text, Timeout);
        if (Host != Environment.MachineName || Pid <= 0) return watched;
        // On this host the process answers at once. A live one that stopped renewing (stopped, hung) is dead once its file is
        // older than the timeout: this host stamped it (or the file server did, as it stamps this host's probe), so the
        // file's age is measured against the same clock that made it.
        if (!ProcessIsAlive(Pid)) return ClaimWatch.Verdict.Dead;
        return watched == ClaimWatch.Verdict.Dead || FileAge() > Timeout ? ClaimWatch.Verdict.Dead : ClaimWatch.Verdict.Alive;
    }

    // How long ago the file was written, by the clock that stamps files in its folder.
    private TimeSpan FileAge() => DateTimeOffset.UtcNow - ClockSkew.Of(System.IO.Path.GetDirectoryName(Path) ?? ".") - Touched;

    /// <summary>Whether a worker must leave the claim alone: not seen dead (a claim not known yet is respected).</summary>
    public bool IsAlive() => Liveness() != ClaimWatch.Verdict.Dead;

    /// <summary>
    /// What status, the page and a run's plan show (a process that looks once cannot watch a counter): alive unless
    /// known dead, or not known and its file untouched for the timeout by the filesystem's clock (this host's clock
    /// corrected by its measured difference from the file times of the claim's folder).
    /// </summary>
    public bool LooksAlive() => Liveness() switch
    {
        ClaimWatch.Verdict.Dead => false,
        ClaimWatch.Verdict.Alive => true,
        _ => FileAge() <= Timeout,
    };

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
