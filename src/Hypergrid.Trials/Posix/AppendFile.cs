namespace Hypergrid.Trials.Posix;

/// <summary>
/// A file that several processes add to at its end: opened with O_APPEND (the kernel moves every write to the end of
/// the file as it is then, so a writer that stalled and resumes never overwrites another's lines), written one whole
/// record per write(2), never followed through a link.
/// </summary>
public sealed class AppendFile : IDisposable
{
    private readonly string path;
    private int fd;

    private AppendFile(string path, int fd)
    {
        this.path = path;
        this.fd = fd;
    }

    /// <summary>Opens (creating it if absent) a file for appending; an IOException names the file and the error.</summary>
    public static AppendFile Open(string path)
    {
        var fd = Native.Open(path, Native.OWrOnly | Native.OAppend | Native.OCreat | Native.OCloExec | Native.ONoFollow, Convert.ToInt32("644", 8));
        if (fd < 0) throw Native.Failure("open for appending", path, System.Runtime.InteropServices.Marshal.GetLastPInvokeError());
        return new AppendFile(path, fd);
    }

    /// <summary>Appends bytes to a file in one write, opening and closing it around it.</summary>
    public static void Append(string path, ReadOnlySpan<byte> record)
    {
        using var file = Open(path);
        file.Write(record);
    }

    /// <summary>
    /// Appends a text record of whole lines in one write; when the file ends inside a line (a writer killed mid-write on
    /// a filesystem that tore it), the record starts on a line of its own.
    /// </summary>
    public static void AppendLines(string path, string record) =>
        Append(path, System.Text.Encoding.UTF8.GetBytes(EndsInsideALine(path) ? "\n" + record : record));

    private static bool EndsInsideALine(string path)
    {
        try
        {
            using var f = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (f.Length == 0) return false;
            f.Position = f.Length - 1;
            return f.ReadByte() != '\n';
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException) { return false; }
    }

    /// <summary>
    /// Appends one record in a single write(2), so that no other writer's record lands inside it. A regular file writes
    /// all of it unless the disk is full; whatever is left after a short write goes in a second write, and an error
    /// throws.
    /// </summary>
    public unsafe void Write(ReadOnlySpan<byte> record)
    {
        ObjectDisposedException.ThrowIf(fd < 0, this);
        fixed (byte* start = record)
        {
            for (var done = 0; done < record.Length;)
            {
                var n = Native.Write(fd, start + done, record.Length - done);
                if (n < 0)
                {
                    var errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
                    if (errno == Native.EIntr) continue;
                    throw Native.Failure("append", path, errno);
                }
                done += (int)n;
            }
        }
    }

    /// <summary>
    /// Takes an exclusive flock(2) on the file, waiting for it; null once held (until disposed), else what failed
    /// ("ENOLCK, No locks available"): a filesystem without locks fails rather than waits.
    /// </summary>
    public string? Lock() => Flock(Native.LockEx);

    /// <summary>Tries the exclusive lock without waiting: null once held, else what failed ("EAGAIN, ..." when another holds it).</summary>
    public string? TryLock() => Flock(Native.LockEx | Native.LockNb);

    private string? Flock(int operation)
    {
        ObjectDisposedException.ThrowIf(fd < 0, this);
        while (true)
        {
            if (Native.Flock(fd, operation) == 0) return null;
            var errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
            if (errno != Native.EIntr) return $"{Native.ErrorName(errno)}, {System.Runtime.InteropServices.Marshal.GetPInvokeErrorMessage(errno)}";
        }
    }

    public void Dispose()
    {
        if (fd < 0) return;
        Native.Close(fd);
        fd = -1;
    }
}
