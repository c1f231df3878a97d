using Hypergrid.Trials.Search;

namespace Hypergrid.Trials.Tests.Search;

/// <summary>
/// The decisions file read whole: a round counts once it is whole (its lines and its end, each checksummed), once even
/// when written twice, and never when cut short or altered.
/// </summary>
public sealed class DecisionFileTests
{
    private static readonly DateTimeOffset Time = new(2026, 12, 6, 0, 0, 0, TimeSpan.Zero);

    private static SearchDecision D(string round, int trial, double value, string decision, int rung = 0) =>
        new(round, rung, rung == 0 ? 1 : 3, trial, value, trial + 1, 3, 0.8, decision, rung == 0 ? 3 : 6, Time);

    private static readonly SearchDecision[] Rung0 = [D("r0-a", 0, 0.9, SearchDecision.Promote), D("r0-a", 1, 0.8, SearchDecision.Pause), D("r0-a", 2, 0.7, SearchDecision.Pause)];
    private static readonly SearchDecision[] Rung1 = [D("r1-b", 0, 0.95, SearchDecision.Promote, 1)];

    private static string Record(IEnumerable<SearchDecision> round, string by = "node-a 1 x", string settings = "rungs [1, 3]") =>
        DecisionFile.Format(round.GroupBy(d => d.Round), settings, by);

    [Fact]
    public void Whole_rounds_read_back_as_written_with_their_settings_and_who_made_them()
    {
        var log = DecisionFile.Parse(Record(Rung0) + Record(Rung1, "node-b 2 y"));
        Assert.Equal(Rung0.Concat(Rung1), log.Decisions);
        Assert.Empty(log.Damage);
        Assert.Equal("rungs [1, 3]", log.Settings["r0-a"]);
        Assert.Equal("node-b 2 y", log.MadeBy["r1-b"]);
    }

    [Fact]
    public void A_round_written_by_two_deciders_counts_once_as_first_written()
    {
        var later = Rung0.Select(d => d with { Time = Time.AddSeconds(1) });
        var log = DecisionFile.Parse(Record(Rung0, "first") + Record(later, "second") + Record(Rung1));
        Assert.Equal(Rung0.Concat(Rung1), log.Decisions);
        Assert.Equal("first", log.MadeBy["r0-a"]);
        Assert.Empty(log.Damage);
    }

    [Theory]
    [InlineData("inside a line")]
    [InlineData("between lines, before the end line")]
    [InlineData("inside the end line")]
    public void A_round_cut_short_is_not_made_and_is_said(string where)
    {
        var text = Record(Rung0) + Record(Rung1.Concat([D("r1-b", 1, 0.5, SearchDecision.Pause, 1)]));
        var lines = text.Split('\n');
        // The second round's lines start at line 5 (4 of the first round); its end line is the 7th.
        var secondStart = string.Join('\n', lines[..4]).Length + 1;
        var cut = where switch
        {
            "inside a line" => secondStart + 20,
            "between lines, before the end line" => string.Join('\n', lines[..6]).Length + 1,
            _ => string.Join('\n', lines[..6]).Length + 1 + 30,
        };
        var log = DecisionFile.Parse(text[..cut]);
        Assert.Equal(Rung0, log.Decisions);
        Assert.NotEmpty(log.Damage);
    }

    [Theory]
    [InlineData("0.9", "0.1")]          // a value changed
    [InlineData("promote", "pausee")]   // a decision changed
    public void A_line_altered_after_it_was_written_fails_its_checksum_and_its_round_is_not_made(string from, string to)
    {
        var text = Record(Rung0) + Record(Rung1);
        var first = text.IndexOf(from, StringComparison.Ordinal);
        var log = DecisionFile.Parse(text[..first] + to + text[(first + from.Length)..]);
        Assert.Equal(Rung1, log.Decisions);
        Assert.Contains(log.Damage, d => d.Contains("round r0-a") && d.Contains("not whole"));
    }

    [Theory]
    [InlineData(25)]     // cut inside its first line
    [InlineData(-1)]     // cut before its end line
    public void A_round_made_again_after_a_cut_is_made_and_the_damage_is_not_said_again(int cutAt)
    {
        var whole = Record(Rung0);
        var cut = cutAt > 0 ? whole[..cutAt] + "\n" : whole[..(whole.TrimEnd('\n').LastIndexOf('\n') + 1)];
        Assert.NotEmpty(DecisionFile.Parse(cut).Damage);
        var log = DecisionFile.Parse(cut + whole + Record(Rung1));
        Assert.Equal(Rung0.Concat(Rung1), log.Decisions);
        Assert.Empty(log.Damage);
    }

    [Fact]
    public void Lines_of_an_older_version_without_checksums_or_end_lines_are_read_as_made()
    {
        var legacy = string.Concat(Rung0.Select(d => d.ToLine() + "\n"));
        var log = DecisionFile.Parse(legacy + Record(Rung1));
        Assert.Equal(Rung0.Concat(Rung1), log.Decisions);
        Assert.Empty(log.Damage);
    }
}
