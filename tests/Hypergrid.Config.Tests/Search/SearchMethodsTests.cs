using Hypergrid.Config.Search;
using Hypergrid.Config.Yaml;

namespace Hypergrid.Config.Tests.Search;

/// <summary>The registry of search methods: a name gives its method, an unknown name lists the known ones.</summary>
public sealed class SearchMethodsTests
{
    [Fact]
    public void Halving_is_known_by_its_name_and_made_with_its_settings()
    {
        var method = SearchMethods.Create(new SearchSpec("val_acc", "max", "final", [1, 3], 0.5, false), 6);
        Assert.IsType<Halving>(method);
        Assert.Contains("rungs [1, 3], keep 0.5", method.Settings);
    }

    [Theory]
    [InlineData("grid")]
    [InlineData("Halving")]
    public void An_unknown_name_is_an_error_that_lists_the_known_ones(string name)
    {
        var ex = Assert.Throws<KeyNotFoundException>(() => SearchMethods.Create(new SearchSpec("val_acc", "max", "final", [1], 0.5, false) { Method = name }, 6));
        Assert.Contains($"'{name}'", ex.Message);
        Assert.Contains("known: halving", ex.Message);
    }
}
