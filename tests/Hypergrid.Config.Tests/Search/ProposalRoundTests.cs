using Hypergrid.Config.Search;

namespace Hypergrid.Config.Tests.Search;

/// <summary>Which round a proposal belongs to: the startup is round 0, then every <c>batch</c> proposals a round of their own.</summary>
public sealed class ProposalRoundTests
{
    private static ProposalSpec Tpe(int trials, int startup, int batch) => new(ProposalMethod.Tpe, trials, 3, batch, startup, "val_loss", "min", "last");

    [Theory]
    [InlineData(0, 0)] [InlineData(3, 0)] // the startup of 4
    [InlineData(4, 1)] [InlineData(5, 1)] // then rounds of 2
    [InlineData(6, 2)] [InlineData(9, 3)]
    public void Proposals_after_the_startup_come_in_rounds_of_the_batch(int index, int round) =>
        Assert.Equal(round, Tpe(trials: 10, startup: 4, batch: 2).RoundOf(index));

    [Fact]
    public void A_search_smaller_than_its_startup_is_all_round_zero() =>
        Assert.Equal([0, 0, 0], Enumerable.Range(0, 3).Select(Tpe(trials: 3, startup: 10, batch: 2).RoundOf));

    [Fact]
    public void Random_proposals_are_all_one_round() =>
        Assert.Equal(0, new ProposalSpec(ProposalMethod.Random, 8, 3, 1, 0, "val_loss", "min", "last").RoundOf(7));
}
