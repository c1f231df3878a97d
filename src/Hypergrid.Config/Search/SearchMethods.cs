namespace Hypergrid.Config.Search;

/// <summary>
/// The search methods by the name <c>search.method</c> gives them: an explicit dictionary, so that an unknown name is an
/// error listing the known ones. A new method is one file implementing <see cref="ISearchMethod"/> and one line here.
/// A method that proposes trials from results (tpe) is made from the leaf's plan instead (<see cref="Proposing"/>): it
/// needs the space and the grid, which a trial's search settings do not hold.
/// </summary>
public static class SearchMethods
{
    private static readonly Dictionary<string, Func<SearchSpec, int, ISearchMethod>> Registry = new(StringComparer.Ordinal)
    {
        [Halving.Name] = (spec, epochs) => new Halving(spec, epochs),
    };

    /// <summary>The known names, in order.</summary>
    public static IReadOnlyList<string> Names { get; } = Registry.Keys.Order(StringComparer.Ordinal).ToList();

    /// <summary>The method a leaf's search names, for trials of <paramref name="epochs"/> epochs (int.MaxValue: unbounded).</summary>
    public static ISearchMethod Create(SearchSpec spec, int epochs) =>
        Registry.TryGetValue(spec.Method, out var make) ? make(spec, epochs)
            : throw new KeyNotFoundException($"search method '{spec.Method}' is not known; known: {string.Join(", ", Names)}");

    /// <summary>
    /// The method that proposes a leaf's trials from results (tpe), made from the leaf's plan (its space, settings and
    /// grid points) and, when its rounds are halved, the halving its trials read (<see cref="SearchSpec.InRounds"/>) with
    /// their epochs; null when the leaf's search proposes from the seed alone (random, sobol) or it has none.
    /// </summary>
    public static ISearchMethod? Proposing(Expansion.LeafPlan plan, (SearchSpec Spec, int Epochs)? halving = null)
    {
        if (plan.Search is not { Spec.Method: ProposalMethod.Tpe } search) return null;
        var grids = Enumerable.Range(0, (int)plan.GridCount).Select(g => Expansion.Expander.GridKey(plan, g)).ToList();
        return halving is ({ InRounds: true } spec, var epochs) ? new TpeMethod(search, grids, spec, epochs) : new TpeMethod(search, grids);
    }
}
