namespace Hypergrid.Findings.Adaptive;

/// <summary>
/// An experiment's adaptive seeds, <c>seeds: {start: 3, max: 10, until: decided, margin: 0.005}</c>: every group starts
/// with the first <see cref="Start"/> seeds; each round gives the next seed only to the groups whose comparison with the
/// best is still undecided (and to the best while any is), up to <see cref="Max"/>. <see cref="Margin"/> (the metric's
/// units) lets a group stop as equivalent; without it only a clear difference stops one.
/// </summary>
public sealed record SeedsSpec(int Start, int Max, double? Margin = null, double Alpha = 0.05)
{
    /// <summary>How many times the groups can be looked at: once per round, start to max.</summary>
    public int Looks => Max - Start + 1;

    /// <summary>
    /// The level of each look: α split evenly over the looks (Bonferroni over rounds), so that stopping at whichever round
    /// first decides does not make a difference more likely to be called than a fixed design at α.
    /// </summary>
    public double AlphaPerLook => Alpha / Looks;
}
