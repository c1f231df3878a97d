using Hypergrid.Config;
using Hypergrid.Dashboard.Figures;

namespace Hypergrid.Dashboard.Tests.Figures;

/// <summary>Lengths as a paper states them become points; anything else is refused naming the option and a length to write.</summary>
public sealed class FigureSizeTests
{
    [Theory]
    [InlineData("8.5cm", 240.94)]
    [InlineData("85mm", 240.94)]
    [InlineData("3.3in", 237.6)]
    [InlineData(" 17CM ", 481.89)]
    [InlineData("241pt", 240.10)] // TeX points: 72.27 to the inch
    [InlineData("100bp", 100)]
    public void A_length_with_its_unit_is_its_points(string text, double points) =>
        Assert.Equal(points, FigureSize.Parse(text, "width"), 2);

    [Theory]
    [InlineData("8.5", "is not a length")]
    [InlineData("8.5 furlongs", "is not a length")]
    [InlineData("cm", "is not a length")]
    [InlineData("0.5cm", "outside 1 cm to 1 m")]
    [InlineData("2m0cm", "is not a length")]
    [InlineData("101cm", "outside 1 cm to 1 m")]
    [InlineData("NaNcm", "--height")]
    public void Anything_else_names_the_option_and_what_to_write(string text, string words)
    {
        var e = Assert.Throws<UsageException>(() => FigureSize.Parse(text, "height"));
        Assert.StartsWith("--height ", e.Message);
        Assert.Contains(words, e.Message);
    }

    [Theory]
    [InlineData("8", 8)]
    [InlineData("9.5pt", 9.5)]
    public void A_type_size_is_points(string text, double size) => Assert.Equal(size, FigureSize.ParseFont(text));

    [Theory]
    [InlineData("4")]
    [InlineData("30")]
    [InlineData("large")]
    public void A_type_size_outside_5_to_24_is_refused(string text) =>
        Assert.Contains("--font-size", Assert.Throws<UsageException>(() => FigureSize.ParseFont(text)).Message);
}
