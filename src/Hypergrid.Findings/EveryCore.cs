using System.Runtime.ExceptionServices;

namespace Hypergrid.Findings;

/// <summary>
/// A loop over indices on every core: each worker takes the next chunk of indices from a shared counter until none is
/// left, and the caller's thread is one of them. What a report does on every core (read trials, compare groups) writes
/// results by index, so they are in order whatever the cores; and it compiles a few small methods where PLINQ's ordered
/// queries compiled hundreds (a report runs in a fresh process). An exception is thrown as itself, as a serial loop
/// throws it (the first one; the other workers stop at their next chunk).
/// </summary>
internal static class EveryCore
{
    /// <summary>Runs <paramref name="body"/> for every index below <paramref name="count"/>, in chunks of <paramref name="chunk"/>.</summary>
    public static void For(int count, Action<int> body, int chunk = 32)
    {
        var workers = Math.Min(Environment.ProcessorCount, (count + chunk - 1) / chunk);
        if (workers <= 1)
        {
            for (var i = 0; i < count; i++) body(i);
            return;
        }
        var next = 0;
        ExceptionDispatchInfo? failed = null;
        void Work()
        {
            try
            {
                int start;
                while (failed is null && (start = Interlocked.Add(ref next, chunk) - chunk) < count)
                    for (int i = start, end = Math.Min(count, start + chunk); i < end; i++) body(i);
            }
            catch (Exception ex)
            {
                Interlocked.CompareExchange(ref failed, ExceptionDispatchInfo.Capture(ex), null);
            }
        }
        var others = new Task[workers - 1];
        for (var w = 0; w < others.Length; w++) others[w] = Task.Factory.StartNew(Work, CancellationToken.None, TaskCreationOptions.None, TaskScheduler.Default);
        Work();
        Task.WaitAll(others);
        failed?.Throw();
    }
}
