namespace Hypergrid.Config.Search;

/// <summary>
/// The search methods by the name <c>search.method</c> gives them: an explicit dictionary, so that an unknown name is an
/// error listing the known ones. A new method is one file implementing <see cref="ISearchMethod"/> and one line here.
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
}
