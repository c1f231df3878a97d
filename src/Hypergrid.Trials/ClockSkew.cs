using System.Globalization;

namespace Hypergrid.Trials;

/// <summary>
/// How far this host's clock is from the clock that stamps files in a folder (the file server's, on a shared
/// filesystem): a file is written and its modification time compared with the local time taken around the write.
/// Hypergrid's coordination does not depend on it; times in run.json and worker.log do, so a difference is said.
/// </summary>
public static class ClockSkew
{
    /// <summary>A difference up to this is not worth a line (file times, writes and rounding).</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromSeconds(5);

    /// <summary>This host's clock minus the folder's file clock (positive: this host is ahead), or null when the folder cannot be written.</summary>
    public static TimeSpan? Measure(string folder)
    {
        var probe = Path.Combine(folder, $".clock.{Environment.MachineName}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            var before = DateTime.UtcNow;
            using (var handle = File.OpenHandle(probe, FileMode.CreateNew, FileAccess.Write)) RandomAccess.Write(handle, "t"u8, 0);
            var after = DateTime.UtcNow;
            var stamped = File.GetLastWriteTimeUtc(probe);
            // The local time of the write lies between before and after: the difference is taken from their middle.
            return before + (after - before) / 2 - stamped;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        finally
        {
            try { File.Delete(probe); }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { }
        }
    }

    private static TimeSpan? measured;

    /// <summary>
    /// Whether this process may write its probe (a worker, a run). The dashboard writes nothing into out/log: it takes
    /// this host's clock as the file clock, which holds where it serves a local out/log.
    /// </summary>
    public static bool MayProbe { get; set; } = true;

    /// <summary>
    /// The difference measured once per process (in the first folder asked; zero where it cannot be written): what a
    /// reader subtracts from this host's clock to compare it with file times.
    /// </summary>
    public static TimeSpan Of(string folder) => measured ??= (MayProbe ? Measure(folder) : null) ?? TimeSpan.Zero;

    /// <summary>The line to say of a difference, or null within <see cref="Tolerance"/>.</summary>
    public static string? Describe(TimeSpan skew, string folder)
    {
        if (skew.Duration() <= Tolerance) return null;
        var size = skew.Duration().TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
        return $"clock: this host's clock ({Environment.MachineName}) is {size} s {(skew > TimeSpan.Zero ? "ahead of" : "behind")} the time "
            + $"stamped on files in {folder}; claims and search decisions do not depend on it, but times in run.json and worker.log follow this host's clock";
    }
}
