using System.Runtime.InteropServices;

namespace Hypergrid.Trials.Posix;

/// <summary>
/// A temp file written whole and renamed over its target in the fewest system calls (open with O_EXCL, write, close,
/// rename): an expansion writes 10,000 cfg.yaml files, and a FileStream or File.OpenHandle adds fstatfs, two flocks and
/// an lseek to each, File.Move an lstat. Failures throw what .NET would: a missing folder DirectoryNotFoundException, a
/// refused one UnauthorizedAccessException, anything else an IOException naming the file and the error.
/// </summary>
internal static class NewFile
{
    private const int ENoEnt = 2, EAcces = 13, EPerm = 1;

    /// <summary>Creates <paramref name="path"/> (it must not exist) holding exactly <paramref name="bytes"/>.</summary>
    public static unsafe void Write(string path, ReadOnlySpan<byte> bytes)
    {
        int fd;
        do fd = Native.Open(path, Native.OWrOnly | Native.OCreat | Native.OExcl | Native.OCloExec | Native.ONoFollow, Convert.ToInt32("666", 8)); // as .NET creates files: the umask decides
        while (fd < 0 && Marshal.GetLastPInvokeError() == Native.EIntr);
        if (fd < 0) throw Failure("create", path, Marshal.GetLastPInvokeError());
        try
        {
            fixed (byte* start = bytes)
                for (var done = 0; done < bytes.Length;)
                {
                    var n = Native.Write(fd, start + done, bytes.Length - done);
                    if (n < 0 && Marshal.GetLastPInvokeError() == Native.EIntr) continue;
                    if (n <= 0) throw Failure("write", path, Marshal.GetLastPInvokeError());
                    done += (int)n;
                }
        }
        finally
        {
            // close(2) can report a write's failure on some filesystems (NFS): a file that may be short is no file.
            if (Native.Close(fd) != 0 && Marshal.GetLastPInvokeError() is var errno && errno != Native.EIntr) throw Failure("close", path, errno);
        }
    }

    /// <summary>Renames a file over another (replacing it atomically).</summary>
    public static void Rename(string from, string to)
    {
        if (Native.Rename(from, to) != 0) throw Failure("rename to " + to, from, Marshal.GetLastPInvokeError());
    }

    private static Exception Failure(string what, string path, int errno) => errno switch
    {
        ENoEnt => new DirectoryNotFoundException($"{path}: {what} failed: its folder does not exist"),
        EAcces or EPerm => new UnauthorizedAccessException($"{path}: {what} failed: {Native.ErrorName(errno)} (permission denied)"),
        _ => Native.Failure(what, path, errno),
    };
}
