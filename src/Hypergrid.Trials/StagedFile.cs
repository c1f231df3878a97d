namespace Hypergrid.Trials;

/// <summary>
/// <see cref="AtomicFile"/>'s two halves apart: the content written whole under a temp name beside its target now,
/// renamed into place by <see cref="Commit"/> later. A writer of many files stages them on every core and commits them in
/// an order it chooses: the expander commits new trials in number order, so a kill leaves no gap in their numbers.
/// </summary>
public sealed class StagedFile
{
    private readonly string temp, target;
    private bool done;

    private StagedFile(string temp, string target) => (this.temp, this.target) = (temp, target);

    /// <summary>Writes the content under a temp name beside <paramref name="path"/> (whose folder must exist).</summary>
    public static StagedFile Write(string path, ReadOnlySpan<byte> bytes)
    {
        var tmp = AtomicFile.TempPathFor(path);
        try
        {
            // Open, write, close (Linux): fewer system calls than a handle or a FileStream, which matters at 10,000 files.
            if (OperatingSystem.IsLinux()) Posix.NewFile.Write(tmp, bytes);
            else
                using (var handle = File.OpenHandle(tmp, FileMode.CreateNew, FileAccess.Write))
                    RandomAccess.Write(handle, bytes, 0);
            return new StagedFile(tmp, path);
        }
        catch
        {
            File.Delete(tmp);
            throw;
        }
    }

    /// <summary>Renames the content over its target: a reader sees the old file or the new, never a part.</summary>
    public void Commit()
    {
        if (done) return;
        if (OperatingSystem.IsLinux()) Posix.NewFile.Rename(temp, target);
        else File.Move(temp, target, overwrite: true);
        done = true;
    }

    /// <summary>Removes the temp file of a write not committed (nothing once committed).</summary>
    public void Discard()
    {
        if (done) return;
        done = true;
        try { File.Delete(temp); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { }
    }
}
