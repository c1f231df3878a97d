using System.Globalization;

namespace Hypergrid.Trials;

/// <summary>Shortest text that reads back to the same number: float32 values as floats, others as doubles.</summary>
public static class CsvNumber
{
    public static string Format(double value)
    {
        var single = (float)value;
        return (double)single == value
            ? single.ToString("R", CultureInfo.InvariantCulture)
            : value.ToString("R", CultureInfo.InvariantCulture);
    }
}
