using Hypergrid.Dashboard.Api;
using Hypergrid.Dashboard.Trials;
using Hypergrid.Trials;

namespace Hypergrid.Dashboard.Tests.Trials;

/// <summary>
/// out/log/.trial-list-index: a fresh scanner that finds the index another left answers byte for byte as one that reads
/// every file, over a hostile study; every kind of change made after the index was written is seen; an index cut short,
/// changed, another user's, a link or another build's is ignored; where it cannot be written nothing fails; a trial
/// written within a clock tick of the scan is not indexed; it is written only when it would change.
/// </summary>
public sealed class TrialListIndexTests : IDisposable
{
    private readonly LogTree tree = new();

    public TrialListIndexTests()
    {
        HostileStudy.Write(tree);
        // Judging the running trial's claim probes the file clock once per process, by a file written and removed in the
        // folder asked: here, outside out/log, so that no scan of a test changes a folder another compares.
        Hypergrid.Trials.ClockSkew.Of(tree.Root);
    }

    public void Dispose() => tree.Dispose();

    private string IndexPath => Path.Combine(tree.Log, TrialListIndex.FileName);

    // Files older than a clock tick (and the index's margin) before a scan: what a study is when a dashboard starts.
    private static void Settle() => Thread.Sleep(TimeSpan.FromTicks(TrialListIndex.RacyNanoseconds / 100) + TimeSpan.FromMilliseconds(30));

    private (byte[] Body, ulong Print, TrialScanner Scanner) Answer(bool index)
    {
        var scanner = new TrialScanner(tree.Log) { UseIndex = index };
        var (trials, print) = scanner.ScanWithFingerprint();
        scanner.SaveIndex();
        scanner.Index?.Saving?.Wait();
        return (TrialListJson.Write(scanner.LogRoot, [], trials), print, scanner);
    }

    // The index left by one dashboard, then the answers of a fresh one with it and of one without.
    private (byte[] With, byte[] Without, TrialScanner Indexed) Compare()
    {
        var (with, printWith, scanner) = Answer(index: true);
        var (without, printWithout, _) = Answer(index: false);
        Assert.Equal(printWithout, printWith);
        return (with, without, scanner);
    }

    [Fact]
    public void A_fresh_scanner_with_the_index_answers_byte_for_byte_as_one_that_reads_every_file()
    {
        Settle();
        var (first, _, writer) = Answer(index: true);
        Assert.Equal(0, writer.Index!.Loaded);
        Assert.Equal(1, writer.Index.Writes);
        Assert.True(File.Exists(IndexPath));
        var (with, without, reader) = Compare();
        Assert.Equal(HostileStudy.Indexed, reader.Index!.Loaded);
        Assert.Equal(HostileStudy.Indexed, reader.Index.Hits);
        Assert.Equal(without, with);
        Assert.Equal(without, first);
        Assert.Contains("\"state\":\"stale\"", System.Text.Encoding.UTF8.GetString(with));
        Assert.Contains("\"val_loss\":\"NaN\"", System.Text.Encoding.UTF8.GetString(with));
        Assert.Contains("\"gpus\":[\"0\",\"1\"]", System.Text.Encoding.UTF8.GetString(with));
        Assert.Contains("\"val_acc\":\"-Infinity\"", System.Text.Encoding.UTF8.GetString(with));
    }

    [Fact]
    public async Task The_dashboard_writes_the_index_once_its_answer_is_sent_and_a_scan_alone_writes_nothing()
    {
        Settle();
        var scanner = new TrialScanner(tree.Log) { UseIndex = true };
        scanner.Scan();
        await Task.Delay(200);
        Assert.False(File.Exists(IndexPath));
        await using var server = await TestServer.StartAsync(tree);
        var first = await server.Http.GetByteArrayAsync("/api/trials");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!File.Exists(IndexPath) && clock.ElapsedMilliseconds < 5000) await Task.Delay(20);
        Assert.True(File.Exists(IndexPath));
        await using var again = await TestServer.StartAsync(tree);
        Assert.Equal(first, await again.Http.GetByteArrayAsync("/api/trials"));
    }

    [Fact]
    public void The_index_is_written_only_when_it_would_change()
    {
        Settle();
        _ = Answer(index: true);
        var written = File.GetLastWriteTimeUtc(IndexPath);
        var (_, _, again) = Answer(index: true);
        Assert.Equal(HostileStudy.Indexed, again.Index!.Hits);
        Assert.Equal(0, again.Index.Writes);
        Assert.Equal(written, File.GetLastWriteTimeUtc(IndexPath));
        // A second full scan in the same process finds it as it left it.
        var scanner = new TrialScanner(tree.Log) { UseIndex = true };
        scanner.Scan();
        scanner.SaveIndex();
        scanner.Index!.Saving?.Wait();
        scanner.Scan();
        scanner.SaveIndex();
        scanner.Index.Saving?.Wait();
        Assert.Equal(0, scanner.Index.Writes);
    }

    public static TheoryData<string> Changes => new()
    {
        "cfg.yaml edited in place, same size, time set back", "run.json replaced by rename", "batch log deleted", "batch log emptied",
        "trial folder removed", "trial added", "leaf renamed", "claim added", "code changed",
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void Each_kind_of_change_after_the_index_was_written_is_seen(string change)
    {
        Settle();
        var (before, _, _) = Answer(index: true);
        var trial = tree.Trial($"{HostileStudy.Leaf}/trial_001");
        switch (change)
        {
            case "cfg.yaml edited in place, same size, time set back":
                // Its modification time set back to the nanosecond (touch -r; .NET's setter keeps 100 ns ticks): only the change time tells.
                var cfg = Path.Combine(trial, TrialFiles.Config);
                var reference = Path.Combine(tree.Root, "reference");
                File.WriteAllText(reference, "");
                Run("touch", "-r", cfg, reference);
                var was = Hypergrid.Trials.Posix.FileStamp.Of(cfg)!.Value;
                var text = File.ReadAllText(cfg);
                Assert.Contains("lr: 0.001", text);
                using (var f = new FileStream(cfg, FileMode.Open, FileAccess.Write)) f.Write(System.Text.Encoding.UTF8.GetBytes(text.Replace("lr: 0.001", "lr: 0.002")));
                Run("touch", "-m", "-r", reference, cfg);
                var now = Hypergrid.Trials.Posix.FileStamp.Of(cfg)!.Value;
                Assert.Equal(was with { CtimeNs = 0 }, now with { CtimeNs = 0 });
                break;
            case "run.json replaced by rename":
                var run = RunRecord.TryRead(trial)! with { Final = new() { ["val_loss"] = 0.25, ["val_acc"] = 0.99 } };
                var staged = Path.Combine(tree.Root, "run.json");
                File.WriteAllText(staged, System.Text.Json.JsonSerializer.Serialize(run, TrialJson.Default.RunRecord));
                File.Move(staged, Path.Combine(trial, TrialFiles.Run), overwrite: true);
                break;
            case "batch log deleted": File.Delete(Path.Combine(trial, TrialFiles.BatchLog)); break;
            case "batch log emptied": File.WriteAllText(Path.Combine(trial, TrialFiles.BatchLog), ""); break;
            case "trial folder removed": Directory.Delete(tree.Trial($"{HostileStudy.Leaf}/trial_002"), true); break;
            case "trial added": tree.AddComplete($"{HostileStudy.Leaf}/trial_020", "seed: 20\n", 1, 1); break;
            case "leaf renamed": Directory.Move(tree.Trial("sweep/mnist/mlp/a%20b"), tree.Trial("sweep/mnist/mlp/b%20a")); break;
            case "claim added": File.WriteAllText(Path.Combine(trial, TrialFiles.Claim), $"{{\"host\":\"{Environment.MachineName}\",\"pid\":{Environment.ProcessId}}}"); break;
            case "code changed": File.WriteAllText(Path.Combine(tree.Root, "train.py"), "print('v2')\n"); break;
        }
        var (with, without, _) = Compare();
        Assert.Equal(without, with);
        // The change shows in the answer (a claim beside a whole batch log changes no state: the log decides).
        if (change != "claim added") Assert.NotEqual(before, with);
    }

    public static TheoryData<string> Damage => new() { "truncated", "a byte changed", "last byte changed", "grown", "another build", "another user's", "a link to a good copy", "a folder", "empty" };

    [Theory]
    [MemberData(nameof(Damage))]
    public void An_index_that_cannot_be_trusted_is_ignored_whole(string damage)
    {
        Settle();
        _ = Answer(index: true);
        var good = File.ReadAllBytes(IndexPath);
        switch (damage)
        {
            case "truncated": File.WriteAllBytes(IndexPath, good[..(good.Length / 2)]); break;
            case "a byte changed": good[good.Length / 2] ^= 1; File.WriteAllBytes(IndexPath, good); break;
            case "last byte changed": good[^1] ^= 0x80; File.WriteAllBytes(IndexPath, good); break;
            case "grown": File.WriteAllBytes(IndexPath, [.. good, 0]); break;
            case "another build":
                var build = TrialListIndex.Build(null);
                var other = System.Text.Encoding.UTF8.GetBytes(build.Replace(build[0], build[0] == 'a' ? 'b' : 'a'));
                var at = good.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(build));
                Assert.True(at > 0);
                other.CopyTo(good, at);
                // Its checksum made good again: only the build tells it apart.
                System.IO.Hashing.XxHash3.Hash(good.AsSpan(0, good.Length - 8), good.AsSpan(good.Length - 8));
                File.WriteAllBytes(IndexPath, good);
                break;
            case "another user's": Chown(IndexPath, 12345); break;
            case "a link to a good copy":
                var copy = Path.Combine(tree.Log, "copy-of-index");
                File.Move(IndexPath, copy);
                File.CreateSymbolicLink(IndexPath, copy);
                break;
            case "a folder": File.Delete(IndexPath); Directory.CreateDirectory(IndexPath); break;
            case "empty": File.WriteAllBytes(IndexPath, []); break;
        }
        var (with, without, reader) = Compare();
        Assert.Equal(0, reader.Index!.Loaded);
        Assert.Equal(0, reader.Index.Hits);
        Assert.Equal(without, with);
    }

    [Fact]
    public void Where_the_index_cannot_be_written_the_list_is_answered_as_without_it_and_nothing_fails()
    {
        Settle();
        // A folder where the index would be renamed to (as root, a read-only out/log would not stop the write).
        Directory.CreateDirectory(IndexPath);
        var (with, printWith, scanner) = Answer(index: true);
        Assert.Equal(0, scanner.Index!.Writes);
        var (without, printWithout, _) = Answer(index: false);
        Assert.Equal(without, with);
        Assert.Equal(printWithout, printWith);
        Assert.Empty(Directory.EnumerateFiles(tree.Log, "*.tmp"));
        // It does not try again on every scan.
        scanner.Scan();
        scanner.SaveIndex();
        scanner.Index.Saving?.Wait();
        Assert.Equal(0, scanner.Index.Writes);
    }

    [Fact]
    public void A_trial_changed_within_a_clock_tick_of_the_scan_is_not_indexed_until_a_later_scan_reads_it()
    {
        Settle();
        var (_, _, second) = Answer(index: true);
        Assert.Equal(1, second.Index!.Writes);
        // One trial touched right before a scan: left out of what that scan writes, the others kept.
        File.AppendAllText(Path.Combine(tree.Trial($"{HostileStudy.Leaf}/trial_001"), TrialFiles.BatchLog), "2,train,9,0.1\n");
        var (with, without, third) = Compare();
        Assert.Equal(without, with);
        Assert.Equal(HostileStudy.Indexed - 4, third.Index!.Hits); // trial_001 and the link to it (trial_014), in both leaves
        var (_, _, fourth) = Answer(index: true);
        Assert.Equal(HostileStudy.Indexed - 4, fourth.Index!.Loaded);
    }

    [Fact]
    public void A_run_that_just_ended_leaves_an_index_of_every_finished_trial_and_a_fresh_scanner_answers_the_same_bytes()
    {
        Settle();
        // The run's last write a moment before it ended: the index waits the racy window out, so that trial is kept too.
        File.AppendAllText(Path.Combine(tree.Trial($"{HostileStudy.Leaf}/trial_001"), TrialFiles.BatchLog), "2,train,9,0.1\n");
        TrialListIndexAfterRun.Write(tree.Log, null, DateTime.UtcNow);
        Assert.True(File.Exists(IndexPath));
        var (with, without, reader) = Compare();
        Assert.Equal(HostileStudy.Indexed, reader.Index!.Loaded);
        Assert.Equal(HostileStudy.Indexed, reader.Index.Hits);
        Assert.Equal(without, with);
    }

    [Fact]
    public void A_run_stopped_while_it_would_write_the_index_leaves_none()
    {
        Settle();
        using var stop = new CancellationTokenSource();
        stop.Cancel();
        TrialListIndexAfterRun.Write(tree.Log, null, DateTime.UtcNow, stop.Token);
        TrialListIndexAfterRun.Write(tree.Log, null, DateTime.UtcNow - TimeSpan.FromSeconds(1), stop.Token);
        Assert.False(File.Exists(IndexPath));
        Assert.Empty(Directory.EnumerateFiles(tree.Log, "*.tmp"));
    }

    [Fact]
    public void A_run_end_that_cannot_write_the_index_fails_nothing_and_writes_no_out_log()
    {
        Settle();
        Directory.CreateDirectory(IndexPath);
        TrialListIndexAfterRun.Write(tree.Log, null, DateTime.UtcNow);
        Assert.True(Directory.Exists(IndexPath));
        Assert.Empty(Directory.EnumerateFiles(tree.Log, "*.tmp"));
        TrialListIndexAfterRun.Write(Path.Combine(tree.Root, "no-such-out", "log"), null, DateTime.UtcNow);
        Assert.False(Directory.Exists(Path.Combine(tree.Root, "no-such-out")));
    }

    [Fact]
    public void Dashboards_writing_the_index_at_once_leave_a_whole_one()
    {
        Settle();
        Parallel.For(0, 4, _ => Answer(index: true));
        var (with, without, reader) = Compare();
        Assert.Equal(HostileStudy.Indexed, reader.Index!.Loaded);
        Assert.Equal(without, with);
        Assert.Empty(Directory.EnumerateFiles(tree.Log, "*.tmp"));
    }

    [Fact]
    public async Task Writing_the_index_is_no_change_to_the_journal_and_a_trial_file_still_is()
    {
        Settle();
        using var journal = ChangeJournal.Watch(tree.Log);
        Assert.True(journal.Healthy);
        await Task.Delay(300); // the watcher's events arrive milliseconds after a write
        var before = journal.Version;
        var (_, _, writer) = Answer(index: true);
        Assert.Equal(1, writer.Index!.Writes);
        await Task.Delay(300);
        Assert.Equal(before, journal.Version);
        File.WriteAllText(Path.Combine(tree.Trial($"{HostileStudy.Leaf}/trial_001"), "note.txt"), "x");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (journal.Version == before && clock.ElapsedMilliseconds < 3000) await Task.Delay(20);
        Assert.NotEqual(before, journal.Version);
    }

    [Theory]
    [InlineData(".trial-list-index", true)]
    [InlineData("..trial-list-index.4242.deadbeef00000001.tmp", true)]
    [InlineData("sweep/..trial-list-index.4242.deadbeef00000001.tmp", false)]
    [InlineData("sweep/.trial-list-index", false)]
    [InlineData(".trial-list-index2", false)]
    [InlineData(".report-cache", false)]
    [InlineData(null, false)]
    public void The_journal_ignores_the_index_and_its_temp_files_only(string? name, bool ignored) => Assert.Equal(ignored, ChangeJournal.OwnIndex(name));

    [Fact]
    public void The_index_is_no_trial_nor_leaf_to_the_readers_of_out_log()
    {
        Settle();
        var listed = TrialFolders.Scan(tree.Log);
        _ = Answer(index: true);
        Assert.True(File.Exists(IndexPath));
        var again = TrialFolders.Scan(tree.Log);
        Assert.Equal(listed.Trials, again.Trials);
        Assert.Equal(listed.Strays, again.Strays);
    }

    [Theory]
    [InlineData("\"data\": {\"train_samples\": 9, \"val_samples\": 1}")]
    [InlineData("\"gpus\": [null]")]
    public void A_run_json_with_a_null_the_format_cannot_hold_is_read_as_before_and_the_rest_are_indexed(string odd)
    {
        // run.json written by hand or another tool: its reader lets these nulls through; written, they failed the whole
        // index (an exception the background write did not catch), so no index was ever kept for the study.
        var dir = tree.AddComplete($"{HostileStudy.Leaf}/trial_030", "seed: 30\n", 1, 1);
        var run = Path.Combine(dir, TrialFiles.Run);
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(run))!.AsObject();
        var (key, value) = odd.Split(": ", 2) is [var k, var v] ? (k.Trim('"'), System.Text.Json.Nodes.JsonNode.Parse(v)) : throw new ArgumentException(odd);
        json[key] = value;
        File.WriteAllText(run, json.ToJsonString());
        Settle();
        var (first, _, writer) = Answer(index: true);
        Assert.Equal(1, writer.Index!.Writes);
        var (with, without, reader) = Compare();
        Assert.Equal(HostileStudy.Indexed, reader.Index!.Loaded);
        Assert.Equal(without, with);
        Assert.Equal(without, first);
    }

    private static void Chown(string path, int uid) => Run("chown", uid.ToString(System.Globalization.CultureInfo.InvariantCulture), path);

    private static void Run(string tool, params string[] arguments)
    {
        using var p = System.Diagnostics.Process.Start(tool, arguments);
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
    }
}
