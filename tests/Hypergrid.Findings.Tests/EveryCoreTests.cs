namespace Hypergrid.Findings.Tests;

public class EveryCoreTests
{
    [Theory]
    [InlineData(0, 32)]
    [InlineData(1, 32)]
    [InlineData(32, 32)]
    [InlineData(33, 32)]
    [InlineData(10_000, 32)]
    [InlineData(1_001, 7)]
    public void Every_index_is_visited_once_and_its_result_lands_at_its_index(int count, int chunk)
    {
        var visits = new int[count];
        var results = new int[count];
        EveryCore.For(count, chunk: chunk, body: i =>
        {
            Interlocked.Increment(ref visits[i]);
            results[i] = i * 3;
        });
        Assert.All(visits, v => Assert.Equal(1, v));
        Assert.Equal(Enumerable.Range(0, count).Select(i => i * 3), results);
    }

    [Theory]
    [InlineData(10)]     // one worker: the caller's loop
    [InlineData(5_000)]  // every core
    public void A_failure_is_thrown_as_itself_as_a_serial_loop_throws_it(int count)
    {
        var thrown = Assert.Throws<IOException>(() => EveryCore.For(count, chunk: 4, body: i =>
        {
            if (i == count / 2) throw new IOException("unreadable");
        }));
        Assert.Equal("unreadable", thrown.Message);
    }

    [Fact]
    public void Of_several_failures_the_lowest_index_is_thrown_whichever_core_meets_its_failure_first()
    {
        // 39 fails only once another core has failed at 1,000 (or after 2 s, where no other core ran).
        for (var run = 0; run < 3; run++)
        {
            using var later = new ManualResetEventSlim();
            var thrown = Assert.Throws<IOException>(() => EveryCore.For(5_000, chunk: 4, body: i =>
            {
                if (i == 39) later.Wait(TimeSpan.FromSeconds(2));
                if (i == 1_000) later.Set();
                if (i is 39 or 1_000 or 4_999) throw new IOException($"unreadable {i}");
            }));
            Assert.Equal("unreadable 39", thrown.Message);
        }
    }

    [Theory]
    [InlineData(10)]     // one worker: the caller's loop
    [InlineData(5_000)]  // every core
    public void Each_worker_has_a_state_of_its_own_made_once_and_disposed_once(int count)
    {
        var states = new System.Collections.Concurrent.ConcurrentBag<Worker>();
        var visits = new int[count];
        EveryCore.For(count, () => { var w = new Worker(); states.Add(w); return w; }, (i, w) =>
        {
            // A state is one worker's: never in two bodies at once.
            Assert.Equal(1, Interlocked.Increment(ref w.Inside));
            Interlocked.Increment(ref visits[i]);
            w.Seen++;
            Interlocked.Decrement(ref w.Inside);
        }, chunk: 4);
        Assert.All(visits, v => Assert.Equal(1, v));
        Assert.InRange(states.Count, 1, Environment.ProcessorCount);
        Assert.All(states, s => Assert.Equal(1, s.Disposed));
        Assert.Equal(count, states.Sum(s => s.Seen));
    }

    public sealed class Worker : IDisposable
    {
        public int Inside, Seen, Disposed;

        public void Dispose() => Disposed++;
    }
}
