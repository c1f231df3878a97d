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
    private readonly string root;
    private readonly Lock gate = new();
    private FileSystemWatcher? watcher;
    private volatile Task? starting;
    private int started;
    private bool disposed;
    private long version;
    private volatile bool healthy;

    private ChangeJournal(string root) => this.root = root;

    /// <summary>A journal of the folder, watching when this returns; unhealthy (every request scans) when it does not exist or cannot be watched.</summary>
    public static ChangeJournal Watch(string root)
    {
        var journal = new ChangeJournal(root);
        journal.Begin();
        return journal;
    }

    /// <summary>
    /// A journal that watches nothing (and so is unhealthy) until <see cref="Start"/>: a watch of 100,000 trial folders
    /// walks every one of them (1.5 s of CPU), which the first trial list does not need and should not share its cores with.
    /// </summary>
    public static ChangeJournal Deferred(string root) => new(root);

    /// <summary>
    /// Starts the watch on another thread, once (later calls do nothing). It becomes healthy, and its version moves, only
    /// when every folder is watched: a scan that began before that never counts as quiet.
    /// </summary>
    public void Start()
    {
        // Without the lock: the watch being made holds it for as long as its walk takes.
        if (Interlocked.Exchange(ref started, 1) == 0) starting = Task.Run(Begin);
    }

    /// <summary>Tests: the deferred watch's start, done (null: not started, or watched from the first).</summary>
    internal Task? Starting => starting;

    private void Begin()
    {
        Interlocked.Exchange(ref started, 1);
        if (!Directory.Exists(root)) return;
        lock (gate)
        {
            if (disposed) return;
            FileSystemWatcher? w = null;
            try
            {
                w = new FileSystemWatcher(root)
                {
                    IncludeSubdirectories = true, InternalBufferSize = 64 * 1024,
                    NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
                };
                w.Created += Changed;
                w.Deleted += Changed;
                w.Changed += Changed;
                w.Renamed += (_, e) => { if (!OwnIndex(e.OldName) || !OwnIndex(e.Name)) Interlocked.Increment(ref version); };
                w.Error += (_, _) => { healthy = false; Interlocked.Increment(ref version); };
                w.EnableRaisingEvents = true;
                watcher = w;
                // Every folder watched from here on: a scan that read the version before this line is not trusted as quiet.
                Interlocked.Increment(ref version);
                healthy = true;
            }
            catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException or PlatformNotSupportedException)
            {
                w?.Dispose();
                healthy = false;
            }
        }
    }

    /// <summary>A number that moves on every change seen; equal numbers, nothing seen in between.</summary>
    public long Version => Interlocked.Read(ref version);

    /// <summary>False until the watch covers every folder, and once it failed or overflowed: its silence then means nothing.</summary>
    public bool Healthy => healthy;

    private void Changed(object sender, FileSystemEventArgs e)
    {
        if (OwnIndex(e.Name)) return;
        Interlocked.Increment(ref version);
        lastCounted = e.Name;
    }

    /// <summary>
    /// The path under out/log of the last create, delete or write counted (tests). The watcher raises events on one thread
    /// in the order they happened, late under load: once a change made now is counted, every earlier one is too.
    /// </summary>
    internal string? LastCounted => lastCounted;
    private volatile string? lastCounted;

    // The trial list's own index and its temp files, beside the modes in out/log: written after a full scan (only when it
    // changes), they change no trial; counted, each write would make the next scan a full one.
    internal static bool OwnIndex(string? name) =>
        name is not null && (name == TrialListIndex.FileName || name.StartsWith("." + TrialListIndex.FileName + ".", StringComparison.Ordinal) && name.EndsWith(".tmp", StringComparison.Ordinal) && !name.Contains('/'));

    public void Dispose()
    {
        lock (gate)
        {
            disposed = true;
            healthy = false;
            watcher?.Dispose();
        }
    }
}
