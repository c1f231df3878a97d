namespace Hypergrid.Config.Search;

/// <summary>
/// A search's proposals as a pure function: proposal k of a space from the seed (random: its own stream of the seed;
/// sobol: point k of the digitally shifted sequence) or, for tpe after its startup, from the observations of complete
/// earlier rounds. Proposal k never depends on how many proposals come after it, so raising <c>trials</c> extends.
/// </summary>
public static class Proposer
{
    /// <summary>Proposal <paramref name="index"/> (snapped internal values). <paramref name="history"/> is read by tpe only.</summary>
    public static double[] Propose(SearchSpace space, ProposalSpec spec, int index, IReadOnlyList<Observation> history)
    {
        if (spec.Method == ProposalMethod.Sobol) return space.FromUnit(new Sobol(space.Parameters.Count, spec.Seed).Point(index));
        if (spec.Method == ProposalMethod.Tpe && index >= spec.SeedOnly && history.Count >= spec.Startup)
            return space.Snap(Tpe.Propose(space, history, SplitMix64.Stream(spec.Seed, index, purpose: 1), spec.Candidates, spec.Multivariate));
        return Random(space, spec.Seed, index);
    }

    /// <summary>The proposals made from the seed alone: every one of random and sobol, tpe's startup.</summary>
    public static IReadOnlyList<double[]> FromSeed(SearchSpace space, ProposalSpec spec) =>
        Enumerable.Range(0, spec.SeedOnly).Select(k => Propose(space, spec, k, [])).ToList();

    /// <summary>Random proposal <paramref name="index"/>: one uniform draw per parameter from the index's own stream.</summary>
    public static double[] Random(SearchSpace space, long seed, int index)
    {
        var rng = SplitMix64.Stream(seed, index);
        var u = new double[space.Parameters.Count];
        for (var d = 0; d < u.Length; d++) u[d] = rng.NextDouble();
        return space.FromUnit(u);
    }
}
