using System.Runtime.InteropServices;

namespace Hypergrid.Training.Checkpoints;

/// <summary>
/// A thread of its own for a run's checkpoint writes, one at a time, at a lower CPU priority than training: on Linux its
/// nice value is <see cref="NiceIncrement"/> above the process's. Meant so that on a CPU shared with training a write does
/// not take the next batch's cycles the moment it wakes, while it still gets about a tenth of the CPU, enough to finish
/// within an epoch. (On Linux 6.18's scheduler the gain measured was small against the noise of a loaded host: see
/// docs/speed.md.) When the next checkpoint is due before it finished, the training thread waits for it (never skips
/// it), and while training waits the writer has the CPU. Lowering a thread's own priority needs no privilege; it is never
/// raised again.
/// </summary>
internal sealed partial class WriterThread : IDisposable
{
    /// <summary>
    /// 10 unless HYPERGRID_CHECKPOINT_NICE says another (0 to 19; 0 runs the write at training's priority, as before): about
    /// a tenth of a CPU beside training. Measured on one pinned CPU with the MLP: 19 and SCHED_IDLE (a sixtieth and a
    /// three-hundredth) left the write unfinished at the next epoch's end, so that boundary waited 15-30 ms for it.
    /// </summary>
    public static int NiceIncrement { get; } =
        int.TryParse(Environment.GetEnvironmentVariable("HYPERGRID_CHECKPOINT_NICE"), out var n) && n is >= 0 and <= 19 ? n : 10;

    private readonly SemaphoreSlim ready = new(0);
    private readonly Thread thread;
    private Action? work;
    private TaskCompletionSource? done;
    private volatile bool stopping;

    public WriterThread()
    {
        thread = new Thread(Loop) { Name = "checkpoint writer", IsBackground = true };
        thread.Start();
    }

    /// <summary>Starts <paramref name="action"/> on the thread; the task ends with it, or with what it threw. The last must be done.</summary>
    public Task Run(Action action)
    {
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        (work, done) = (action, finished);
        ready.Release();
        return finished.Task;
    }

    private void Loop()
    {
        LowerPriority();
        while (true)
        {
            ready.Wait();
            if (stopping) return;
            var (action, finished) = (work!, done!);
            try
            {
                action();
                finished.SetResult();
            }
            catch (Exception ex)
            {
                finished.SetException(ex);
            }
        }
    }

    // Best effort: a system without gettid or that refuses leaves the default priority, which only costs speed.
    private static void LowerPriority()
    {
        if (!OperatingSystem.IsLinux()) return;
        try
        {
            if (NiceIncrement == 0) return;
            var tid = gettid();
            var nice = getpriority(0, tid); // -1 is also a valid value; the errno check is not worth it for a speed hint
            setpriority(0, tid, Math.Min(19, nice + NiceIncrement));
        }
        catch (EntryPointNotFoundException) { }
    }

    /// <summary>Ends the thread after the write it runs, if any.</summary>
    public void Dispose()
    {
        stopping = true;
        ready.Release();
        thread.Join();
        ready.Dispose();
    }

    [LibraryImport("libc")]
    private static partial int gettid();

    [LibraryImport("libc")]
    private static partial int getpriority(int which, int who);

    [LibraryImport("libc")]
    private static partial int setpriority(int which, int who, int prio);
}
