using System.Globalization;

namespace Hypergrid.Trials;

/// <summary>Shortest text that reads back to the same number: float32 values as floats, others as doubles.</summary>
public static class CsvNumber
{
    /// <summary><see cref="Format"/> as UTF-8 bytes, written where a file is being made (no string per number).</summary>
    public static bool TryFormat(double value, Span<byte> destination, out int written)
    {
        var single = (float)value;
        return (double)single == value
            ? single.TryFormat(destination, out written, "R", CultureInfo.InvariantCulture)
            : value.TryFormat(destination, out written, "R", CultureInfo.InvariantCulture);
    }

    public static string Format(double value)
    {
        var single = (float)value;
        return (double)single == value
            ? single.ToString("R", CultureInfo.InvariantCulture)
            : value.ToString("R", CultureInfo.InvariantCulture);
    }
}
