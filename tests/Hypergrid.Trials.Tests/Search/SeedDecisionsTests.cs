using Hypergrid.Trials.Search;

namespace Hypergrid.Trials.Tests.Search;

/// <summary>A section's adaptive-seed rounds file: whole checksummed lines; a cut or damaged round is not counted (decided again); a round written twice counts once.</summary>
public class SeedDecisionsTests
{
    private static SeedRound Round(int n, params string[] next) =>
        new(n, 2 + n, "a", new Dictionary<string, string> { [$"s{n}"] = n % 2 == 0 ? "equivalent" : "different" }, next);

    private static string Line(SeedRound r, string by = "x") => SeedDecisions.Format(r, "start 3", by, DateTimeOffset.UnixEpoch);

    [Fact]
    public void Rounds_read_back_as_written_in_order_with_their_settings()
    {
        var log = SeedDecisions.Parse(Line(Round(1, "a", "b")) + Line(Round(2, "a")));
        Assert.Equal([1, 2], log.Rounds.Select(r => r.Number));
        Assert.Equal(["a", "b"], log.Rounds[0].Continue);
        Assert.Equal("different", log.Rounds[0].Stopped["s1"]);
        Assert.Equal((4, "start 3"), (log.Rounds[1].Seeds, log.LatestSettings));
        Assert.Empty(log.Damage);
    }

    [Fact]
    public async Task A_fifo_at_the_rounds_file_is_refused_without_blocking_and_said_as_damage()
    {
        var section = Directory.CreateTempSubdirectory("hg-seeds-").FullName;
        try
        {
            using (var p = System.Diagnostics.Process.Start("mkfifo", Path.Combine(section, SeedDecisions.File))) p.WaitForExit();
            var log = await Task.Run(() => SeedDecisions.Read(section)).WaitAsync(TimeSpan.FromSeconds(5)); // TimeoutException: it blocked
            Assert.Empty(log.Rounds);
            Assert.Contains("not a regular file", Assert.Single(log.Damage));
        }
        finally { Directory.Delete(section, recursive: true); }
    }

    [Fact]
    public void A_link_at_the_rounds_file_leading_out_of_the_section_is_not_followed()
    {
        var root = Directory.CreateTempSubdirectory("hg-seeds-").FullName;
        try
        {
            var section = Directory.CreateDirectory(Path.Combine(root, "section")).FullName;
            var outside = Path.Combine(root, "outside.jsonl");
            File.WriteAllText(outside, Line(Round(1, "a")));
            Assert.Single(SeedDecisions.Parse(File.ReadAllText(outside)).Rounds); // a file that would read as a round
            File.CreateSymbolicLink(Path.Combine(section, SeedDecisions.File), outside);
            var log = SeedDecisions.Read(section);
            Assert.Empty(log.Rounds);
            Assert.Contains("not a regular file", Assert.Single(log.Damage));
        }
        finally { Directory.Delete(root, recursive: true); }
    }

    [Fact]
    public void A_round_written_twice_counts_once_as_first_written()
    {
        var log = SeedDecisions.Parse(Line(Round(1, "a")) + Line(Round(1, "a", "b"), "y") + Line(Round(2)));
        Assert.Equal(["a"], log.Rounds[0].Continue);
        Assert.Equal(2, log.Rounds.Count);
    }

    [Theory]
    [InlineData(10)]  // cut inside the line (a writer killed)
    [InlineData(-2)]  // the line whole but for its end
    public void A_cut_last_round_is_not_counted_and_said_until_it_is_decided_again(int keep)
    {
        var second = Line(Round(2, "a"));
        var cut = Line(Round(1, "a", "b")) + second[..(keep > 0 ? keep : second.Length + keep)];
        var log = SeedDecisions.Parse(cut);
        Assert.Equal([1], log.Rounds.Select(r => r.Number));
        Assert.Contains("line 2 is not a whole round", Assert.Single(log.Damage));
        // Appended again on a line of its own (AppendLines): counted, and the damage no longer said.
        var repaired = SeedDecisions.Parse(cut + "\n" + second);
        Assert.Equal([1, 2], repaired.Rounds.Select(r => r.Number));
        Assert.Empty(repaired.Damage);
    }

    [Fact]
    public void A_changed_character_breaks_the_checksum_and_rounds_after_a_missing_one_do_not_count()
    {
        var text = Line(Round(1, "a")) + Line(Round(2, "a")).Replace("\"a\"", "\"b\"") + Line(Round(3));
        var log = SeedDecisions.Parse(text);
        Assert.Equal([1], log.Rounds.Select(r => r.Number)); // round 3 without round 2 is not a sequence of rounds
        Assert.Contains("line 2", Assert.Single(log.Damage));
    }

    [Fact]
    public void Appending_after_a_torn_end_starts_a_line_of_its_own()
    {
        var dir = Directory.CreateTempSubdirectory("hypergrid-seeds-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, SeedDecisions.File), Line(Round(1, "a")) + "{\"round\":2,\"se");
            SeedDecisions.Append(dir, Line(Round(2, "a")));
            Assert.Equal([1, 2], SeedDecisions.Read(dir).Rounds.Select(r => r.Number));
            Assert.Empty(SeedDecisions.Read(Path.Combine(dir, "none")).Rounds);
        }
        finally { Directory.Delete(dir, true); }
    }
}
