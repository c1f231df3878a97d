using System.Globalization;

namespace Hypergrid.Trials;

/// <summary>
/// One attempt at a trial: <c>attempts/NNN/</c>, holding the files it writes while training (its partial batch log
/// and its checkpoint folder). Each attempt writes only files of its own, created by itself, so a stalled attempt that
/// wakes up after another took the trial over writes into files nobody reads or makes final, whatever it holds open or
/// opens again by path. A successor starts from a copy (never a rename) of its predecessor's files.
/// </summary>
public sealed class Attempt
{
    /// <summary>The folder of a trial that holds its attempts.</summary>
    public const string Folder = "attempts";

    /// <summary>The checkpoint folder of an attempt (a program's HYPERGRID_CHECKPOINT_DIR).</summary>
    public const string CheckpointFolder = "checkpoint";

    private Attempt(int number, string directory)
    {
        Number = number;
        Directory = directory;
    }

    public int Number { get; }
    public string Directory { get; }
    public string PartialLog => Path.Combine(Directory, TrialFiles.PartialLog);
    public string CheckpointDir => Path.Combine(Directory, CheckpointFolder);

    /// <summary>Whether this attempt left anything to continue from: a log with a row, or a non-empty checkpoint folder.</summary>
    public bool HasProgress => HasCheckpoint || (File.Exists(PartialLog) && new FileInfo(PartialLog).Length > 0);

    /// <summary>Whether this attempt's checkpoint folder holds anything (a program's checkpoint; rows alone are not one).</summary>
    public bool HasCheckpoint => System.IO.Directory.Exists(CheckpointDir) && System.IO.Directory.EnumerateFileSystemEntries(CheckpointDir).Any();

    /// <summary>The newest attempt of a trial, or null when it has none.</summary>
    public static Attempt? Latest(string trialDir)
    {
        var root = Path.Combine(trialDir, Folder);
        if (!System.IO.Directory.Exists(root)) return null;
        var best = -1;
        foreach (var d in System.IO.Directory.EnumerateDirectories(root))
            if (int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > best) best = n;
        return best < 0 ? null : new Attempt(best, Path.Combine(root, Name(best)));
    }

    /// <summary>
    /// The partial batch log a reader follows while a trial runs: the newest attempt's, else the trial folder's own
    /// (Hypergrid's built-in trainers write that one). Null when neither exists.
    /// </summary>
    public static string? LivePartialLog(string trialDir)
    {
        if (Latest(trialDir) is { } a && File.Exists(a.PartialLog)) return a.PartialLog;
        var own = Path.Combine(trialDir, TrialFiles.PartialLog);
        return File.Exists(own) ? own : null;
    }

    /// <summary>
    /// The checkpoint.bin of Hypergrid's own trainers that a trial continues from: the newest attempt's, else one kept in
    /// the trial folder (keep_checkpoint, or written by a version before attempts). Null when there is none.
    /// </summary>
    public static string? LiveCheckpoint(string trialDir)
    {
        if (Latest(trialDir) is { } a && File.Exists(Path.Combine(a.CheckpointDir, TrialFiles.Checkpoint))) return Path.Combine(a.CheckpointDir, TrialFiles.Checkpoint);
        var own = Path.Combine(trialDir, TrialFiles.Checkpoint);
        return File.Exists(own) ? own : null;
    }

    /// <summary>
    /// Starts the next attempt; only the holder of the trial's claim may call this. With <paramref name="carry"/>, it
    /// begins with copies of the newest attempt's checkpoint folder (first) and partial log cut to its last whole row
    /// (second, so the log is at least as new as the checkpoint). The folder appears complete (built under a temporary
    /// name, then renamed); older attempts are removed after it.
    /// </summary>
    public static Attempt Begin(string trialDir, bool carry, out bool continued)
    {
        AtomicFile.RemoveLeftovers(trialDir);
        var previous = Latest(trialDir);
        var number = (previous?.Number ?? 0) + 1;
        var root = Path.Combine(trialDir, Folder);
        var building = Path.Combine(root, $".{Name(number)}.{Environment.ProcessId}");
        if (System.IO.Directory.Exists(building)) System.IO.Directory.Delete(building, recursive: true);
        System.IO.Directory.CreateDirectory(building);
        var checkpoint = Path.Combine(building, CheckpointFolder);
        continued = carry && previous is not null && previous.HasProgress;
        if (continued)
        {
            CopyFolder(previous!.CheckpointDir, checkpoint);
            CopyWholeRows(previous.PartialLog, Path.Combine(building, TrialFiles.PartialLog));
        }
        else if (carry && previous is null && File.Exists(Path.Combine(trialDir, TrialFiles.Checkpoint)) && File.Exists(Path.Combine(trialDir, TrialFiles.PartialLog)))
        {
            // Left in the trial folder by a version before attempts: carried over like an attempt's.
            System.IO.Directory.CreateDirectory(checkpoint);
            File.Copy(Path.Combine(trialDir, TrialFiles.Checkpoint), Path.Combine(checkpoint, TrialFiles.Checkpoint));
            CopyWholeRows(Path.Combine(trialDir, TrialFiles.PartialLog), Path.Combine(building, TrialFiles.PartialLog));
            File.Delete(Path.Combine(trialDir, TrialFiles.Checkpoint));
            File.Delete(Path.Combine(trialDir, TrialFiles.PartialLog));
            continued = true;
        }
        System.IO.Directory.CreateDirectory(checkpoint);
        var target = Path.Combine(root, Name(number));
        System.IO.Directory.Move(building, target);
        foreach (var d in System.IO.Directory.EnumerateDirectories(root).Where(d => d != target))
            TryDelete(d);
        return new Attempt(number, target);
    }

    /// <summary>
    /// Removes a trial's attempts up to and including <paramref name="number"/> (once its result is final), and the
    /// attempts folder when nothing else is left in it: a later attempt is another holder's (one that took the trial
    /// over) and is never touched. A stalled writer may still hold files there, which is harmless.
    /// </summary>
    public static void RemoveUpTo(string trialDir, int number)
    {
        var root = Path.Combine(trialDir, Folder);
        if (!System.IO.Directory.Exists(root)) return;
        foreach (var d in System.IO.Directory.EnumerateDirectories(root))
        {
            var name = Path.GetFileName(d);
            // A folder being built (".NNN.pid") belongs to whoever builds it, which may be a new holder.
            if (int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= number) TryDelete(d);
        }
        try { System.IO.Directory.Delete(root); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { } // not empty: another holder's attempt, or a stalled writer's file
    }

    private static void TryDelete(string dir)
    {
        try { System.IO.Directory.Delete(dir, recursive: true); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { } // a stalled writer recreated a file meanwhile: left for the next cleanup
    }

    private static string Name(int number) => number.ToString("D3", CultureInfo.InvariantCulture);

    private static void CopyFolder(string from, string to)
    {
        System.IO.Directory.CreateDirectory(to);
        if (!System.IO.Directory.Exists(from)) return;
        foreach (var entry in new DirectoryInfo(from).EnumerateFileSystemInfos())
        {
            var target = Path.Combine(to, entry.Name);
            if (entry.LinkTarget is { } link) File.CreateSymbolicLink(target, link);
            else if (entry is DirectoryInfo) CopyFolder(entry.FullName, target);
            else if (entry is FileInfo f && SafeFiles.IsRegularFile(f.FullName) && !AtomicFile.IsTemp(f.Name)) f.CopyTo(target); // not a write cut short
        }
    }

    // A copy, not a rename: the old inode stays with whoever may still hold it open. A torn last line is left out.
    // A program may have put a link in the log's place: it is not followed (nothing outside out/log is copied in).
    private static void CopyWholeRows(string from, string to)
    {
        using var source = SafeFiles.OpenOwn(from);
        if (source is null) return;
        var length = WholeRowsLength(source);
        source.Position = 0;
        using var target = new FileStream(to, FileMode.CreateNew, FileAccess.Write);
        var buffer = new byte[1 << 20];
        for (long left = length; left > 0;)
        {
            var n = source.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            if (n == 0) break;
            target.Write(buffer, 0, n);
            left -= n;
        }
        target.Flush(flushToDisk: true);
    }

    /// <summary>The length of a log up to and including its last newline (0 when it has none).</summary>
    public static long WholeRowsLength(FileStream stream)
    {
        var buffer = new byte[1 << 16];
        for (var end = stream.Length; end > 0;)
        {
            var start = Math.Max(0, end - buffer.Length);
            stream.Position = start;
            var n = stream.Read(buffer, 0, (int)(end - start));
            var nl = buffer.AsSpan(0, n).LastIndexOf((byte)'\n');
            if (nl >= 0) return start + nl + 1;
            end = start;
        }
        return 0;
    }
}
