using Hypergrid.Config.Yaml;

namespace Hypergrid.Config.Search;

/// <summary>
/// A new trial a proposing method (random, sobol, TPE) adds to its leaf: the values of its searched keys, in the order
/// the method drew them, and the round of proposals it belongs to (its record in the leaf's ledger). The leaf's other
/// keys come from the tree as for any trial.
/// </summary>
public sealed record TrialProposal(string Round, IReadOnlyList<KeyValuePair<string, CfgNode>> Values);
