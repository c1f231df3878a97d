namespace Hypergrid.Trials;

/// <summary>Writes files so that a reader sees the old content or the new, never a part.</summary>
public static class AtomicFile
{
    public static void WriteAllText(string path, string text) => WriteAllBytes(path, System.Text.Encoding.UTF8.GetBytes(text));

    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        var tmp = TempPathFor(path);
        try
        {
            // A bare handle and one positional write: fewer syscalls than a FileStream, which matters at 10,000 files.
            using (var handle = File.OpenHandle(tmp, FileMode.CreateNew, FileAccess.Write))
                RandomAccess.Write(handle, bytes, 0);
            File.Move(tmp, path, overwrite: true);
        }
        catch
        {
            File.Delete(tmp);
            throw;
        }
    }

    /// <summary>Streams content into a temp file, then renames it over the target.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        var tmp = TempPathFor(path);
        try
        {
            using (var stream = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write)) write(stream);
            File.Move(tmp, path, overwrite: true);
        }
        catch
        {
            File.Delete(tmp);
            throw;
        }
    }

    /// <summary>A hidden temp name beside the target, unique per process and call, so concurrent writers never collide.</summary>
    public static string TempPathFor(string path) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!,
            $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
}
