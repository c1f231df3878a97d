namespace Hypergrid.Trials;

/// <summary>Writes files so that a reader sees the old content or the new, never a part.</summary>
public static class AtomicFile
{
    public static void WriteAllText(string path, string text) => WriteAllBytes(path, System.Text.Encoding.UTF8.GetBytes(text));

    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        var staged = StagedFile.Write(path, bytes);
        try { staged.Commit(); }
        finally { staged.Discard(); }
    }

    /// <summary>Streams content into a temp file, then renames it over the target.</summary>
    public static void Write(string path, Action<Stream> write) => Write(path, write, null);

    /// <summary>
    /// As <see cref="Write(string, Action{Stream})"/>, the file created with <paramref name="mode"/> (Unix; null: the
    /// default): a file readable by its owner alone is so from its first byte, not only after a chmod.
    /// </summary>
    public static void Write(string path, Action<Stream> write, UnixFileMode? mode)
    {
        var tmp = TempPathFor(path);
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (mode is { } m && !OperatingSystem.IsWindows()) options.UnixCreateMode = m;
            using (var stream = new FileStream(tmp, options)) write(stream);
            File.Move(tmp, path, overwrite: true);
        }
        catch
        {
            File.Delete(tmp);
            throw;
        }
    }

    /// <summary>Whether a file name is one of <see cref="TempPathFor"/>'s: a write that a crash (kill -9, a full disk) left behind.</summary>
    public static bool IsTemp(string name) => name.StartsWith('.') && name.EndsWith(".tmp", StringComparison.Ordinal);

    /// <summary>
    /// Removes the temp files other processes left in a folder (a write cut short by kill -9 leaves a full-size one
    /// forever otherwise). Called by the holder of a trial's claim: any other writer there is dead or has lost its claim.
    /// </summary>
    public static void RemoveLeftovers(string folder)
    {
        if (!Directory.Exists(folder)) return;
        var mine = $".{Environment.ProcessId}.";
        foreach (var file in Directory.EnumerateFiles(folder).Where(f => IsTemp(Path.GetFileName(f)) && !Path.GetFileName(f).Contains(mine)))
        {
            try { File.Delete(file); }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { }
        }
    }

    // One random tag per process and a counter: unique per process and call like a GUID each, without reading 16 random
    // bytes from the kernel per file (an expansion names 10,000); the tag keeps a reused process id from meeting a dead
    // process's leftover.
    private static readonly string ProcessTag = Guid.NewGuid().ToString("N")[..16];
    private static long written;

    /// <summary>A hidden temp name beside the target, unique per process and call, so concurrent writers never collide.</summary>
    public static string TempPathFor(string path) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!,
            $".{Path.GetFileName(path)}.{Environment.ProcessId}.{ProcessTag}{Interlocked.Increment(ref written):x16}.tmp");
}
