using Hypergrid.Config;

namespace Hypergrid.Findings.Tests;

public class StatisticsOptionsTests
{
    [Theory]
    [InlineData(null, "-0.01", null, "--equivalence -0.01 is not a positive number")]
    [InlineData(null, "nan", null, "--equivalence nan is not a positive number")]
    [InlineData(null, null, "1.5", "--power 1.5 is not a probability between 0 and 1")]
    [InlineData("0", null, null, "--alpha 0 is not a probability between 0 and 1")]
    [InlineData("five", null, null, "--alpha five is not a probability")]
    public void A_value_that_is_not_one_is_an_error_naming_the_option_and_an_example(string? alpha, string? equivalence, string? power, string said)
    {
        var e = Assert.Throws<UsageException>(() => StatisticsOptions.Parse(alpha, equivalence, power, "--"));
        Assert.StartsWith(said, e.Message);
        Assert.Contains("e.g.", e.Message);
    }

    [Fact]
    public void Unset_options_are_the_defaults_and_set_ones_are_read_as_numbers()
    {
        Assert.Equal(new StatisticsOptions(), StatisticsOptions.Parse(null, null, null, "--"));
        Assert.Equal(new StatisticsOptions(0.01, 0.005, 0.9), StatisticsOptions.Parse("0.01", "5e-3", "0.9", ""));
    }
}
