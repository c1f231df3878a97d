using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Hypergrid.Trials.Code;

/// <summary>
/// The sha256 of a file's bytes, cached per process by path, size and modification time: a run, a status or a page scan of
/// 10,000 trials that name the same train.py reads it once, and an edit (a new time or size) is hashed again.
/// </summary>
public static class FileHashes
{
    private static readonly ConcurrentDictionary<string, (long Size, DateTime Time, string Sha)> Cache = new(StringComparer.Ordinal);

    /// <summary>The file's hash, or null when it is missing or not a regular file (a FIFO would block the reader).</summary>
    public static string? Of(string path)
    {
        FileInfo info;
        try
        {
            info = new FileInfo(path);
            if (!info.Exists || !SafeFiles.IsRegularFile(path)) return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { return null; }
        if (Cache.TryGetValue(path, out var known) && known.Size == info.Length && known.Time == info.LastWriteTimeUtc) return known.Sha;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var sha = Convert.ToHexStringLower(SHA256.HashData(stream));
            if (Cache.Count > 100_000) Cache.Clear();
            Cache[path] = (info.Length, info.LastWriteTimeUtc, sha);
            return sha;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { return null; }
    }
}
