namespace Hypergrid.Config.Search;

/// <summary>
/// A search run against an objective in this process, in the synchronous rounds a run makes (the proposals from the
/// seed first, then rounds of <c>batch</c>, each proposed from the complete rounds before it): what the benchmark and
/// the methods' tests measure, with the same pure code the CLI's trials are proposed by.
/// </summary>
public static class InProcessSearch
{
    /// <summary>Every proposal in order with its loss (lower is better).</summary>
    public static List<Observation> Run(SearchSpace space, ProposalSpec spec, Func<double[], double> loss)
    {
        var history = new List<Observation>();
        var k = 0;
        while (k < spec.Trials)
        {
            var end = k < spec.SeedOnly ? spec.SeedOnly : Math.Min(spec.Trials, k + spec.Batch);
            var round = new List<Observation>();
            for (; k < end; k++)
            {
                var x = Proposer.Propose(space, spec, k, history);
                round.Add(new Observation(x, loss(x)));
            }
            history.AddRange(round);
        }
        return history;
    }
}
