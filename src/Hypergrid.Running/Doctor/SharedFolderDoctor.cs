using System.Globalization;
using System.Text;
using Hypergrid.Trials;
using Hypergrid.Trials.Posix;

namespace Hypergrid.Running.Doctor;

/// <summary>
/// Tests a study's out/log for what Hypergrid's coordination needs of a shared filesystem (exclusive create, rename
/// over a file, appends that append, a file written and closed read whole by the next open) and reports what it does
/// not need but people ask about (flock, the clock's difference from file times). Every test works in a folder of its
/// own under out/log, removed after.
/// </summary>
public static class SharedFolderDoctor
{
    /// <summary>Runs every check in <paramref name="logDir"/> (created when missing).</summary>
    public static IReadOnlyList<FolderCheck> Check(string logDir)
    {
        Directory.CreateDirectory(logDir);
        var scratch = Path.Combine(logDir, $".doctor.{Environment.MachineName}.{Environment.ProcessId}.{Guid.NewGuid():N}");
        Directory.CreateDirectory(scratch);
        try
        {
            return [ExclusiveCreate(scratch), Rename(scratch), Append(scratch), CloseToOpen(scratch), Clock(scratch), Flock(scratch)];
        }
        finally
        {
            try { Directory.Delete(scratch, recursive: true); }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { }
        }
    }

    /// <summary>The filesystem type and source of the mount that holds a folder ("nfs4 server:/export"), from /proc/mounts.</summary>
    public static string? MountOf(string folder)
    {
        if (!File.Exists("/proc/mounts")) return null;
        var path = Path.GetFullPath(folder).TrimEnd('/') + "/";
        (string Point, string Text)? best = null;
        foreach (var line in File.ReadLines("/proc/mounts"))
        {
            var f = line.Split(' ');
            if (f.Length < 3) continue;
            var point = f[1].Replace("\\040", " ").TrimEnd('/') + "/";
            if (path.StartsWith(point, StringComparison.Ordinal) && (best is null || point.Length > best.Value.Point.Length)) best = (point, $"{f[2]} {f[0]} on {f[1]}");
        }
        return best?.Text;
    }

    private static FolderCheck Run(string name, bool required, Func<(bool, string)> check)
    {
        try
        {
            var (ok, detail) = check();
            return new FolderCheck(name, required, ok, detail);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new FolderCheck(name, required, false, ex.Message);
        }
    }

    // Claims and takeover markers: of two creates of one name, exactly one succeeds.
    private static FolderCheck ExclusiveCreate(string dir) => Run("exclusive create (O_EXCL)", true, () =>
    {
        var path = Path.Combine(dir, "claim");
        using (new FileStream(path, FileMode.CreateNew, FileAccess.Write)) { }
        try
        {
            using (new FileStream(path, FileMode.CreateNew, FileAccess.Write)) { }
            return (false, "a second create of an existing name succeeded: two workers could claim one trial");
        }
        catch (IOException) when (File.Exists(path))
        {
            return (true, "a second create of the same name fails");
        }
    });

    // Every result, run.json and claim renewal: a rename over a file replaces it whole.
    private static FolderCheck Rename(string dir) => Run("rename over a file", true, () =>
    {
        var path = Path.Combine(dir, "run.json");
        File.WriteAllText(path, "old");
        AtomicFile.WriteAllText(path, "new");
        var text = File.ReadAllText(path);
        var left = Directory.GetFiles(dir, "*.tmp").Length;
        return text == "new" && left == 0 ? (true, "replaces the file with the new one") : (false, $"read '{text}' after the rename, {left} temp file(s) left");
    });

    // worker.log and the decisions file: a writer opened before another wrote adds after it.
    private static FolderCheck Append(string dir) => Run("append (O_APPEND)", true, () =>
    {
        var path = Path.Combine(dir, "worker.log");
        using (var first = AppendFile.Open(path))
        {
            first.Write("a\n"u8);
            using (var second = AppendFile.Open(path)) second.Write("b\n"u8);
            first.Write("c\n"u8);
        }
        var text = File.ReadAllText(path);
        return text == "a\nb\nc\n" ? (true, "two writers opened at once keep each other's lines")
            : (false, $"two writers left '{text.Replace("\n", "\\n")}' instead of 'a\\nb\\nc\\n': lines would be lost");
    });

    // What a worker writes and closes, the next open reads whole (checked on this node; across nodes it is the mount's promise).
    private static FolderCheck CloseToOpen(string dir) => Run("close-to-open", true, () =>
    {
        var path = Path.Combine(dir, "claim.json");
        var content = new string('x', 70000);
        File.WriteAllText(path, content);
        var back = File.ReadAllText(path);
        return back == content ? (true, "a file written and closed reads whole on the next open (on this node; across nodes NFS promises it, unless mounted 'nocto')")
            : (false, $"read {back.Length} of {content.Length} characters back");
    });

    private static FolderCheck Clock(string dir) => Run("clock", false, () =>
    {
        var skew = ClockSkew.Measure(dir) ?? throw new IOException("could not write a file to compare its time");
        var size = skew.Duration().TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
        var way = skew > TimeSpan.Zero ? "ahead of" : "behind";
        return skew.Duration() <= ClockSkew.Tolerance ? (true, $"this host is {size} s from the time stamped on files")
            : (false, $"this host is {size} s {way} the time stamped on files (not needed: claims and decisions never compare clocks; times in logs follow this host)");
    });

    private static FolderCheck Flock(string dir) => Run("flock", false, () =>
    {
        var path = Path.Combine(dir, "search.lock");
        using var first = AppendFile.Open(path);
        if (first.Lock() is { } failed) return (false, $"fails ({failed}); not needed: decisions are appended whole and counted once");
        using var second = AppendFile.Open(path);
        return second.TryLock() is null
            ? (false, "does not exclude (a second lock was granted); not needed: decisions are appended whole and counted once")
            : (true, "excludes on this node (an optimisation only; across nodes it is not relied on)");
    });

    /// <summary>The one-screen report: where out/log lives, one line per check, and the verdict.</summary>
    public static string Describe(string logDir, IReadOnlyList<FolderCheck> checks)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"hypergrid doctor: {logDir} on {Environment.MachineName}").Append('\n');
        if (MountOf(logDir) is { } mount) text.Append(CultureInfo.InvariantCulture, $"  filesystem: {mount}").Append('\n');
        var width = checks.Max(c => c.Name.Length);
        foreach (var c in checks) text.Append(CultureInfo.InvariantCulture, $"  {c.Mark,-4}  {c.Name.PadRight(width)}  {c.Detail}").Append('\n');
        var failed = checks.Where(c => c.Required && !c.Passed).Select(c => c.Name).ToList();
        text.Append(failed.Count == 0
            ? "every property Hypergrid needs holds here (run doctor on each kind of node that shares this folder)"
            : $"NOT usable for workers sharing it: {string.Join(", ", failed)} failed (see docs/slurm.md, 'What the shared filesystem must provide')").Append('\n');
        return text.ToString();
    }
}
