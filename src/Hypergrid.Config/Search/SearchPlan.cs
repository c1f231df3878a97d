using System.Security.Cryptography;
using System.Text;

namespace Hypergrid.Config.Search;

/// <summary>
/// A sweep leaf's proposing search: its space, its method's settings, and the proposals made from the seed alone
/// (every trial of random and sobol, the startup trials of tpe), in proposal order. Each point of the leaf's grid gets
/// the same proposals (so its points are compared at the same values); tpe's later rounds come from results.
/// </summary>
public sealed record SearchPlan(SearchSpace Space, ProposalSpec Spec, IReadOnlyList<double[]> Proposals)
{
    /// <summary>
    /// What the ledger's proposals were made under: the space as written and every setting but <c>trials</c> (raising it
    /// extends the search; <c>multivariate</c> enters only when set, so searches written before it keep their ledger). A ledger line of another fingerprint belongs to a search that is no longer this one.
    /// </summary>
    public string Fingerprint { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
        $"{Spec.Method}|{Spec.Seed}|{Spec.Batch}|{Spec.Startup}|{Spec.Metric}|{Spec.Goal}|{Spec.Reduce}|{(Spec.Multivariate ? "multivariate|" : "")}{(Spec.Bracket is { } b ? b + "|" : "")}"
        + string.Join('|', Space.Top.Select(p => p.Key + ": " + p.Entry.Value.Canonical)))))[..16];
}
