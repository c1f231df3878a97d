namespace Hypergrid.Config.Search;

/// <summary>How a search leaf's trials are proposed: from the seed alone (random, sobol) or from earlier rounds' results too (tpe).</summary>
public enum ProposalMethod
{
    Random,
    Sobol,
    Tpe,
}
