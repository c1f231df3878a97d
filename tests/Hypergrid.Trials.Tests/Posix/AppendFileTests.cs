using Hypergrid.Trials.Posix;

namespace Hypergrid.Trials.Tests.Posix;

/// <summary>Appends that append: every writer's record lands at the end as it is then, whole, whatever others wrote since it opened.</summary>
public sealed class AppendFileTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("hypergrid-append-").FullName;
    private string File(string name = "worker.log") => Path.Combine(dir, name);

    public void Dispose() => Directory.Delete(dir, true);

    [Fact]
    public void A_writer_opened_before_another_wrote_adds_after_it_and_overwrites_nothing()
    {
        using (var stalled = AppendLineWriter.Open(File()))
        {
            stalled.WriteLine("old holder: started");
            using (var fresh = AppendLineWriter.Open(File())) fresh.WriteLine("new holder: took the trial over");
            stalled.WriteLine("old holder: claim lost");
        }
        Assert.Equal(["old holder: started", "new holder: took the trial over", "old holder: claim lost"], System.IO.File.ReadAllLines(File()));
    }

    [Fact]
    public void A_file_stream_opened_in_append_mode_overwrites_what_another_wrote_since_which_is_why_this_exists()
    {
        using (var stalled = new StreamWriter(new FileStream(File(), FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true })
        {
            stalled.Write("a\n");
            using (var fresh = AppendLineWriter.Open(File())) fresh.WriteLine("b");
            stalled.Write("c\n");
        }
        Assert.Equal(["a", "c"], System.IO.File.ReadAllLines(File()));
    }

    [Fact]
    public void Lines_written_in_pieces_by_many_writers_at_once_each_arrive_whole()
    {
        var threads = Enumerable.Range(0, 8).Select(w => new Thread(() =>
        {
            using var log = AppendLineWriter.Open(File());
            for (var i = 0; i < 300; i++)
            {
                log.Write($"writer {w} ");
                log.Write($"line {i} ");
                log.Write(new string('x', 100) + "\n");
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        var lines = System.IO.File.ReadAllLines(File());
        Assert.Equal(2400, lines.Length);
        Assert.All(lines, l => Assert.Matches(@"^writer \d line \d+ x{100}$", l));
    }

    [Fact]
    public void An_unfinished_line_is_ended_when_the_writer_closes()
    {
        using (var log = AppendLineWriter.Open(File())) log.Write("no newline");
        Assert.Equal("no newline\n", System.IO.File.ReadAllText(File()));
    }

    [Fact]
    public void A_link_in_the_files_place_is_refused_with_the_files_name_and_the_target_is_untouched()
    {
        var outside = File("outside.txt");
        System.IO.File.WriteAllText(outside, "keep\n");
        System.IO.File.CreateSymbolicLink(File(), outside);
        var error = Assert.Throws<IOException>(() => AppendLineWriter.Open(File()));
        Assert.Contains(File(), error.Message);
        Assert.Contains("ELOOP", error.Message);
        Assert.Equal("keep\n", System.IO.File.ReadAllText(outside));
    }

    [Fact]
    public void An_exclusive_lock_held_by_one_handle_is_refused_to_another_until_released()
    {
        using var first = AppendFile.Open(File("search.lock"));
        Assert.Null(first.Lock());
        using (var second = AppendFile.Open(File("search.lock"))) Assert.StartsWith("EAGAIN", second.TryLock());
        first.Dispose();
        using var third = AppendFile.Open(File("search.lock"));
        Assert.Null(third.TryLock());
    }
}
