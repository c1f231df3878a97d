namespace Hypergrid.Config.Search;

/// <summary>
/// A sweep leaf's proposing search: its space, its method's settings, and the proposals made from the seed alone
/// (every trial of random and sobol, the startup trials of tpe), in proposal order. Each point of the leaf's grid gets
/// the same proposals (so its points are compared at the same values); tpe's later rounds come from results.
/// </summary>
public sealed record LeafSearch(SearchSpace Space, ProposalSpec Spec, IReadOnlyList<double[]> Proposals);
