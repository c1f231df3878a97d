using System.Runtime.ExceptionServices;

namespace Hypergrid.Findings;

/// <summary>
/// A loop over indices on every core: each worker takes the next chunk of indices from a shared counter until none is
/// left, and the caller's thread is one of them. What a report does on every core (read trials, compare groups) writes
/// results by index, so they are in order whatever the cores; and it compiles a few small methods where PLINQ's ordered
/// queries compiled hundreds (a report runs in a fresh process). An exception is thrown as itself, the one a serial loop
/// would throw: of the indices that failed, the lowest (a worker stops at a failure; the others go on only with chunks
/// below the lowest failure so far, where a lower one may still be). Not wrapped in an AggregateException as PLINQ's
/// was: the CLI names the failure itself.
/// </summary>
internal static class EveryCore
{
    /// <summary>Runs <paramref name="body"/> for every index below <paramref name="count"/>, in chunks of <paramref name="chunk"/>.</summary>
    public static void For(int count, Action<int> body, int chunk = 32) => For(count, () => Nothing.Instance, (i, _) => body(i), chunk);

    /// <summary>
    /// As <see cref="For(int, Action{int}, int)"/>, each worker with a state of its own, made by <paramref name="open"/> as it
    /// starts and disposed as it ends: what a worker keeps from one index to the next (a leaf's descriptor, say).
    /// </summary>
    public static void For<T>(int count, Func<T> open, Action<int, T> body, int chunk = 32) where T : class, IDisposable
    {
        var workers = Math.Min(Environment.ProcessorCount, (count + chunk - 1) / chunk);
        if (workers <= 1)
        {
            using var only = open();
            for (var i = 0; i < count; i++) body(i, only);
            return;
        }
        var next = 0;
        var (lowest, failed, gate) = (int.MaxValue, (ExceptionDispatchInfo?)null, new object());
        void Work()
        {
            int start;
            using var state = open();
            while ((start = Interlocked.Add(ref next, chunk) - chunk) < Volatile.Read(ref lowest) && start < count)
                for (int i = start, end = Math.Min(count, start + chunk); i < end; i++)
                {
                    try { body(i, state); }
                    catch (Exception ex)
                    {
                        lock (gate)
                            if (i < lowest) (lowest, failed) = (i, ExceptionDispatchInfo.Capture(ex));
                        return;
                    }
                }
        }
        var others = new Task[workers - 1];
        for (var w = 0; w < others.Length; w++) others[w] = Task.Factory.StartNew(Work, CancellationToken.None, TaskCreationOptions.None, TaskScheduler.Default);
        Work();
        Task.WaitAll(others);
        failed?.Throw();
    }

    private sealed class Nothing : IDisposable
    {
        public static readonly Nothing Instance = new();

        public void Dispose() { }
    }
}
