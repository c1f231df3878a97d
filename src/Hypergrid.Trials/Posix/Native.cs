using System.Reflection;
using System.Runtime.InteropServices;

namespace Hypergrid.Trials.Posix;

/// <summary>
/// The few POSIX calls .NET does not make as Hypergrid needs them: open(2) with O_APPEND (FileMode.Append only seeks to
/// the end once, so two writers overwrite each other), write(2) of a whole record, and flock(2) with its error (a
/// FileStream with FileShare.None ignores every flock failure but EWOULDBLOCK, ENOLCK included). They are looked up in the
/// process's global scope, as libc's own callers find them, so a preloaded library (a test's flock shim) is seen.
/// </summary>
internal static partial class Native
{
    private const string Process = "hypergrid-process";

    public const int ORdOnly = 0, OWrOnly = 1, ORdWr = 2, OCreat = 0x40, OExcl = 0x80, OAppend = 0x400, ONoFollow = 0x20000, OCloExec = 0x80000;
    public const int LockSh = 1, LockEx = 2, LockNb = 4, LockUn = 8;
    public const int EIntr = 4, EAgain = 11, EWouldBlock = 11;

    static Native() => NativeLibrary.SetDllImportResolver(typeof(Native).Assembly, Resolve);

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? path) =>
        name == Process ? NativeLibrary.GetMainProgramHandle() : IntPtr.Zero;

    [LibraryImport(Process, EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int Open(string path, int flags, int mode);

    [LibraryImport(Process, EntryPoint = "write", SetLastError = true)]
    public static unsafe partial nint Write(int fd, byte* buffer, nint count);

    [LibraryImport(Process, EntryPoint = "rename", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int Rename(string from, string to);

    [LibraryImport(Process, EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport(Process, EntryPoint = "flock", SetLastError = true)]
    public static partial int Flock(int fd, int operation);

    /// <summary>The name of an errno value for messages ("ENOLCK"), or its number.</summary>
    public static string ErrorName(int errno) => errno switch
    {
        1 => "EPERM", 2 => "ENOENT", 4 => "EINTR", 5 => "EIO", 9 => "EBADF", 11 => "EAGAIN", 13 => "EACCES", 17 => "EEXIST", 22 => "EINVAL",
        28 => "ENOSPC", 37 => "ENOLCK", 38 => "ENOSYS", 40 => "ELOOP", 95 => "EOPNOTSUPP", 122 => "EDQUOT",
        _ => $"errno {errno}",
    };

    /// <summary>An IOException for a failed call, naming the file and the error.</summary>
    public static IOException Failure(string what, string path, int errno) =>
        new($"{path}: {what} failed: {ErrorName(errno)} ({Marshal.GetPInvokeErrorMessage(errno)})", errno);
}
