namespace Hypergrid.Dashboard.Trials;

/// <summary>
/// Whether anything under out/log changed since a moment: an inotify watch (FileSystemWatcher) of the whole tree that
/// counts every create, delete, rename and write. The trial list is scanned again only when the count moved; the
/// watcher's overflow or failure (too many folders for the watch limit) makes it unhealthy, and then every request
/// scans as before. Events arrive a few milliseconds after the write, so a change is seen by the next request after
/// that (the page asks every 2 s).
/// </summary>
public sealed class ChangeJournal : IDisposable
{
    private readonly FileSystemWatcher? watcher;
    private long version;
    private volatile bool healthy;

    private ChangeJournal(string root)
    {
        if (!Directory.Exists(root)) return;
        try
        {
            watcher = new FileSystemWatcher(root)
            {
                IncludeSubdirectories = true, InternalBufferSize = 64 * 1024,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
            };
            watcher.Created += Changed;
            watcher.Deleted += Changed;
            watcher.Changed += Changed;
            watcher.Renamed += (_, _) => Interlocked.Increment(ref version);
            watcher.Error += (_, _) => { healthy = false; Interlocked.Increment(ref version); };
            watcher.EnableRaisingEvents = true;
            healthy = true;
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            healthy = false;
        }
    }

    /// <summary>A journal of the folder; unhealthy (every request scans) when it does not exist or cannot be watched.</summary>
    public static ChangeJournal Watch(string root) => new(root);

    /// <summary>A number that moves on every change seen; equal numbers, nothing seen in between.</summary>
    public long Version => Interlocked.Read(ref version);

    /// <summary>False once the watch failed or overflowed: its silence then means nothing.</summary>
    public bool Healthy => healthy;

    private void Changed(object sender, FileSystemEventArgs e) => Interlocked.Increment(ref version);

    public void Dispose() => watcher?.Dispose();
}
