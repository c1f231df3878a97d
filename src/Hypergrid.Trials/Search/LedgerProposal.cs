namespace Hypergrid.Trials.Search;

/// <summary>One proposal of a ledger: the search it belongs to (a fingerprint), its grid point, its index in that point's sequence, and its internal values (NaN: inactive).</summary>
public sealed record LedgerProposal(string Search, string Grid, int Index, double[] X);
