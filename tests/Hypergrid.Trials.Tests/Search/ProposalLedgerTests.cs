using Hypergrid.Trials.Search;

namespace Hypergrid.Trials.Tests.Search;

public class ProposalLedgerTests
{
    private static readonly LedgerProposal A = new("f1", "width=64", 4, [0.1, double.NaN, 1]);
    private static readonly LedgerProposal B = new("f1", "width=64", 5, [0.30000000000000004, 2, 0]);

    [Fact]
    public void A_round_reads_back_exactly_inactive_values_included()
    {
        var read = ProposalLedger.Parse(ProposalLedger.Format("r1", [A, B], "host 1"));
        Assert.Equal(2, read.Count);
        Assert.Equal(A.X, read[0].X);
        Assert.Equal(B.X, read[1].X); // doubles round-trip bit for bit
        Assert.Equal(("f1", "width=64", 5), (read[1].Search, read[1].Grid, read[1].Index));
    }

    [Fact]
    public void A_round_written_twice_counts_once()
    {
        var record = ProposalLedger.Format("r1", [A, B], "host 1");
        Assert.Equal(2, ProposalLedger.Parse(record + ProposalLedger.Format("r1", [A, B], "host 2")).Count);
    }

    [Theory]
    [InlineData(1)]   // cut inside the first line
    [InlineData(40)]  // cut inside a later line
    [InlineData(-1)]  // the end line lost
    public void A_round_cut_short_is_not_counted_and_the_rounds_before_it_are(int cut)
    {
        var first = ProposalLedger.Format("r0", [A], "h");
        var second = ProposalLedger.Format("r1", [B, B with { Index = 6 }], "h");
        var lines = second.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var damaged = cut switch
        {
            -1 => string.Join('\n', lines[..^1]) + "\n",
            _ => second[..Math.Min(cut, second.Length - 1)],
        };
        var read = ProposalLedger.Parse(first + damaged);
        Assert.Equal([4], read.Select(p => p.Index));
        // Proposed again after the damage, the round counts.
        Assert.Equal([4, 5, 6], ProposalLedger.Parse(first + damaged + "\n" + second).Select(p => p.Index));
    }

    [Theory]
    [InlineData("0.1", "0.2")]
    [InlineData("width=64", "width=65")]
    public void A_line_changed_after_it_was_written_fails_its_checksum_and_its_round_is_not_counted(string from, string to)
    {
        var text = ProposalLedger.Format("r1", [A, B], "h").Replace(from, to);
        Assert.Empty(ProposalLedger.Parse(text));
    }
}
