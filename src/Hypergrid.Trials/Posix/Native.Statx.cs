using System.Runtime.InteropServices;

namespace Hypergrid.Trials.Posix;

internal static partial class Native
{
    public const int AtFdCwd = -100, AtSymlinkNoFollow = 0x100, AtEmptyPath = 0x1000, AtStatxForceSync = 0x2000;
    public const uint StatxBasicStats = 0x7ff;

    // struct statx (256 bytes): stx_mask at 0, stx_uid at 20, stx_mode at 28 (u16), stx_ino at 32, stx_size at 40, stx_ctime at 96, stx_mtime at 112, stx_dev_major/minor at 136/140.
    // path: a NUL-terminated UTF-8 path.
    [LibraryImport(Process, EntryPoint = "statx", SetLastError = true)]
    public static partial int Statx(int dirfd, ref byte path, int flags, uint mask, ref byte buffer);

    [LibraryImport(Process, EntryPoint = "geteuid")]
    public static partial uint Geteuid();
}
