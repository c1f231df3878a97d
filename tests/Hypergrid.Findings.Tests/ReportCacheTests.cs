using Hypergrid.Config;
using Hypergrid.Trials;
using Hypergrid.Trials.Code;
using Hypergrid.Trials.Posix;

namespace Hypergrid.Findings.Tests;

/// <summary>
/// out/log/.report-cache: a report of an unchanged study reads its trials from it, and says exactly what reading the
/// files says; any change to a file (even one that keeps its size and modification time), and any damage to the cache,
/// sends the report back to the files.
/// </summary>
public sealed class ReportCacheTests : IDisposable
{
    private readonly TrialLog log = new();
    private const int TrialCount = 9;

    public void Dispose() => log.Dispose();

    public ReportCacheTests()
    {
        // Three settings over three seeds; one setting's run.json keeps a whole float as 1.0, another names its data and code.
        var data = new DataRecord("digits", "sample.csv", 100, 20, "0123456789abcdef");
        var code = new CodeRecord { Sha256 = "feedfacecafebeef0123", Files = new(StringComparer.Ordinal) { ["train.py"] = "ab" }, Root = "/nonexistent-study" };
        for (var s = 0; s < 3; s++)
        {
            log.Trial("experiment/mnist/mlp/adam", s, $"seed: {s}\nlr: 1.0\n", 0.5 + 0.01 * s);
            log.Trial("experiment/mnist/mlp/adam", 3 + s, $"seed: {s}\nlr: 0.01\n", 0.4 + 0.02 * s, data);
            log.Trial("experiment/mnist/mlp/adam", 6 + s, $"seed: {s}\nlr: 0.02\n", 0.45 + 0.013 * s * s, code: code);
        }
        _ = Text(cache: false); // the epoch logs written from the batch logs, as any first report does
        // A file changed within the last 100 ms is not kept (its change time could not tell a second write in the same tick).
        Thread.Sleep(150);
    }

    private string CachePath => Path.Combine(log.Log, ReportCache.FileName);

    private string Text(bool cache, string metric = "val_acc", ReportSplit? split = null)
    {
        var report = Reporter.Build(log.Log, new ReportOptions(Filters.All, metric) { Cache = cache, Statistics = new StatisticsOptions(Equivalence: 0.01) }, split);
        return ReportText.ToJson(report) + ReportText.ToCsv(report);
    }

    private int Hits(string metric = "val_acc")
    {
        var split = new ReportSplit();
        _ = Text(cache: true, metric, split);
        return split.CacheHits;
    }

    [Theory]
    [InlineData("val_acc")]
    [InlineData("val_loss")]
    public void A_report_from_the_cache_is_byte_for_byte_the_report_from_the_files(string metric)
    {
        var files = Text(cache: false, metric);
        Assert.Equal(0, Hits(metric)); // the first reads every file and keeps what it read
        Assert.True(File.Exists(CachePath));
        var split = new ReportSplit();
        Assert.Equal(files, Text(cache: true, metric, split));
        Assert.Equal(TrialCount, split.CacheHits);
    }

    [Fact]
    public void Another_metric_is_read_from_the_files_once_and_then_kept_beside_the_first()
    {
        _ = Hits("val_acc");
        Assert.Equal(TrialCount, Hits("val_acc"));
        Assert.Equal(0, Hits("val_loss"));
        Assert.Equal(TrialCount, Hits("val_loss"));
        Assert.Equal(TrialCount, Hits("val_acc"));
        Assert.Equal(Text(cache: false, "val_loss"), Text(cache: true, "val_loss"));
    }

    // A file changed as a careless tool or a person might: the same size, the modification time set back (touch -d), in
    // place (the same inode: only the change time tells) or replaced by rename (a new inode too).
    [Theory]
    [InlineData(TrialFiles.EpochLog, false)]
    [InlineData(TrialFiles.EpochLog, true)]
    [InlineData(TrialFiles.Run, false)]
    [InlineData(TrialFiles.Run, true)]
    public void A_file_changed_with_its_size_and_time_kept_is_read_again(string file, bool replaced)
    {
        _ = Hits();
        Assert.Equal(TrialCount, Hits());
        var before = Text(cache: true);
        var path = Path.Combine(log.Log, "experiment/mnist/mlp/adam", TrialFiles.FolderName(4), file);
        var (size, written) = (new FileInfo(path).Length, FileStamp.Of(path)!.Value.MtimeNs);
        var text = File.ReadAllText(path);
        // The last val acc of the epoch log, or the lr of run.json's config: another value of the same length.
        var changed = file == TrialFiles.EpochLog ? ChangeLastAcc(text) : text.Replace("\"lr\": 0.01", "\"lr\": 0.03", StringComparison.Ordinal);
        Assert.NotEqual(text, changed);
        if (replaced)
        {
            File.WriteAllText(path + ".new", changed);
            File.Move(path + ".new", path, overwrite: true);
        }
        else
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write)) stream.Write(System.Text.Encoding.UTF8.GetBytes(changed));
        TouchBack(path, written);
        Assert.Equal((size, written), (new FileInfo(path).Length, FileStamp.Of(path)!.Value.MtimeNs));

        var split = new ReportSplit();
        var after = Text(cache: true, split: split);
        Assert.Equal(TrialCount - 1, split.CacheHits);
        Assert.NotEqual(before, after);
        Assert.Equal(Text(cache: false), after);
    }

    // touch -d @seconds.nanoseconds: the modification time set back to the nanosecond (.NET's own setter keeps 100 ns).
    internal static void TouchBack(string path, long nanoseconds)
    {
        using var touch = System.Diagnostics.Process.Start("touch", ["-d", $"@{nanoseconds / 1_000_000_000}.{nanoseconds % 1_000_000_000:D9}", path])!;
        touch.WaitForExit();
        Assert.Equal(0, touch.ExitCode);
    }

    internal static string ChangeLastAcc(string epochLog)
    {
        var lines = epochLog.TrimEnd('\n').Split('\n');
        var header = lines[0].Split(',');
        var (acc, last) = (Array.IndexOf(header, "acc"), Array.FindLastIndex(lines, l => l.Split(',')[1] == "val"));
        var cells = lines[last].Split(',');
        // Its first digit after the point, one up (or down from 9): the same length, another value.
        var at = cells[acc].IndexOf('.') + 1;
        cells[acc] = cells[acc][..at] + (cells[acc][at] == '9' ? '8' : (char)(cells[acc][at] + 1)) + cells[acc][(at + 1)..];
        lines[last] = string.Join(',', cells);
        return string.Join('\n', lines) + "\n";
    }

    [Theory]
    [InlineData("flipped")]
    [InlineData("truncated")]
    [InlineData("empty")]
    [InlineData("other version")]
    [InlineData("not a cache")]
    public void A_damaged_or_foreign_cache_is_ignored_whole_and_written_anew(string damage)
    {
        var files = Text(cache: false);
        _ = Hits();
        var bytes = File.ReadAllBytes(CachePath);
        File.WriteAllBytes(CachePath, damage switch
        {
            "flipped" => [.. bytes[..(bytes.Length / 2)], (byte)(bytes[bytes.Length / 2] ^ 1), .. bytes[(bytes.Length / 2 + 1)..]],
            "truncated" => bytes[..(bytes.Length / 2)],
            "empty" => [],
            "other version" => [.. bytes[..4], 99, 0, 0, 0, .. bytes[8..]],
            _ => "epoch,mode\n1,val\n"u8.ToArray(),
        });
        var split = new ReportSplit();
        Assert.Equal(files, Text(cache: true, split: split));
        Assert.Equal(0, split.CacheHits);
        Assert.Equal(TrialCount, Hits());
    }

    [Fact]
    public void A_cache_that_is_a_link_out_of_out_log_is_neither_read_nor_written_through()
    {
        _ = Hits();
        var outside = Path.Combine(log.Root, "elsewhere");
        File.Copy(CachePath, outside); // a valid cache, but not out/log's own file
        File.Delete(CachePath);
        File.CreateSymbolicLink(CachePath, outside);
        var kept = File.ReadAllBytes(outside);
        Assert.Equal(0, Hits());
        Assert.Equal(kept, File.ReadAllBytes(outside));
        Assert.Null(new FileInfo(CachePath).LinkTarget); // replaced by a file of its own
        Assert.Equal(TrialCount, Hits());
    }

    // A trial file that is a link (to a file elsewhere in out/log, which the readers follow): its own stamp says nothing
    // of its target, so such a trial is never answered from the cache. The target changed (a value; a log cut to its
    // header, which makes the trial damaged) must show.
    [Theory]
    [InlineData(TrialFiles.EpochLog)]
    [InlineData(TrialFiles.BatchLog)]
    public void A_trial_whose_file_is_a_link_is_read_from_its_files_every_time(string file)
    {
        var path = Path.Combine(log.Log, "experiment/mnist/mlp/adam", TrialFiles.FolderName(2), file);
        var target = Path.Combine(log.Log, "imported", "t2-" + file);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Move(path, target);
        File.CreateSymbolicLink(path, target);
        Thread.Sleep(150);
        _ = Hits();
        _ = Hits();
        var text = File.ReadAllText(target);
        File.WriteAllText(target, file == TrialFiles.EpochLog ? ChangeLastAcc(text) : text[..(text.IndexOf('\n') + 1)]);
        Thread.Sleep(150);
        var split = new ReportSplit();
        var cached = Text(cache: true, split: split); // first: a report from the files may write the trial's epoch log anew
        Assert.Equal(Text(cache: false), cached);
        Assert.Equal(TrialCount - 1, split.CacheHits);
    }

    // Written by one user (root, a dashboard's service account) and read by another: the cache could hold values of files
    // the reader may not read. Only a cache of the reader's own is trusted, and it is readable by its owner alone.
    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void A_cache_of_another_owner_is_not_trusted_and_a_cache_is_its_owners_alone()
    {
        _ = Hits();
        Assert.Equal(TrialCount, Hits());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(CachePath));
        if (Environment.UserName != "root") return; // giving a file away needs root (CI runs as root)
        using (var chown = System.Diagnostics.Process.Start("chown", ["65534", CachePath])!) chown.WaitForExit();
        Assert.Equal(0, Hits());
    }

    // A report killed while writing its cache leaves the temp file: the next report that writes removes it once it is old
    // (not one a report writing right now may still rename).
    [Fact]
    public void A_temp_file_left_by_a_killed_report_is_removed_once_old()
    {
        var (old, fresh) = (Path.Combine(log.Log, "." + ReportCache.FileName + ".4242.deadbeef00000001.tmp"), Path.Combine(log.Log, "." + ReportCache.FileName + ".4243.deadbeef00000002.tmp"));
        File.WriteAllText(old, "cut short");
        File.WriteAllText(fresh, "being written");
        File.SetLastWriteTimeUtc(old, DateTime.UtcNow.AddHours(-1));
        _ = Hits();
        Assert.False(File.Exists(old));
        Assert.True(File.Exists(fresh));
    }
}
