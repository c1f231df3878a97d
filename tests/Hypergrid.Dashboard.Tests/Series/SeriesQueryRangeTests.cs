using Hypergrid.Dashboard.Series;

namespace Hypergrid.Dashboard.Tests.Series;

/// <summary>
/// A zoom's from= and to= as the page's links and /api/figure take them: a number in exponent form (1e5 samples) is the
/// number (the page took it and /api/figure drew it, while /api/series refused it and every line vanished).
/// </summary>
public class SeriesQueryRangeTests
{
    private static SeriesQuery Parse(string query, out string? error)
    {
        var q = System.Web.HttpUtility.ParseQueryString(query);
        return SeriesQuery.Parse(k => q[k], out error);
    }

    [Theory]
    [InlineData("from=1e5&to=2e5", 100_000, 200_000)]
    [InlineData("from=1.5E2&to=3e%2B2", 150, 300)]
    [InlineData("from=570&to=870.5", 570, 870.5)]
    public void A_range_in_exponent_form_is_its_number(string range, double from, double to)
    {
        var query = Parse($"phase=train&metrics=loss&x=samples&{range}", out var error);
        Assert.Null(error);
        Assert.Equal(from, query.From);
        Assert.Equal(to, query.To);
    }

    [Theory]
    [InlineData("from=-1e2")]
    [InlineData("from=NaN")]
    [InlineData("from=1e400")]
    [InlineData("from=0x10")]
    public void A_range_that_is_no_non_negative_number_is_refused(string range)
    {
        Parse($"phase=train&metrics=loss&x=samples&{range}", out var error);
        Assert.NotNull(error);
    }
}
