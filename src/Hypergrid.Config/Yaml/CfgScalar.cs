using System.Globalization;

namespace Hypergrid.Config.Yaml;

/// <summary>
/// A scalar: the text as written, the YAML 1.2 core-schema type it resolves to, and its value parsed once
/// (<c>01</c>, <c>+1</c> and <c>0x1</c> are the integer 1; <c>0.1</c>, <c>1e-1</c> and <c>0.10</c> the same double).
/// </summary>
public sealed record CfgScalar(string Text, ScalarKind Kind, SourceMark Mark) : CfgNode(Mark)
{
    /// <summary>The integer value of an Int scalar; null when it is not one or does not fit 64 bits.</summary>
    public long? Integer { get; } = Kind == ScalarKind.Int ? ParseInt(Text) : null;

    /// <summary>The numeric value of an Int or Float scalar (1e400 is infinity: checked by whoever reads it).</summary>
    public double? Number { get; } = Kind switch
    {
        ScalarKind.Int => ParseInt(Text) is { } i ? i : double.TryParse(Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var big) ? big : null,
        ScalarKind.Float => ParseFloat(Text),
        _ => null,
    };

    public bool? Boolean { get; } = Kind == ScalarKind.Bool ? Text.Equals("true", StringComparison.OrdinalIgnoreCase) : null;

    /// <remarks>
    /// Made when first asked (a trial list reads 100,000 configs and asks almost never: its numbers and strings are written
    /// from <see cref="Text"/>, <see cref="Integer"/> and <see cref="Number"/>); the same text whenever it is made.
    /// </remarks>
    public override string Canonical => canonical ??= YamlText.Scalar(Text, Kind);

    private string? canonical;

    // What the record's own equality compared, less the text made from it when asked: the text, the kind and the mark
    // (the numbers and the canonical text follow from the text and the kind).
    public bool Equals(CfgScalar? other) => ReferenceEquals(this, other) || other is not null && base.Equals(other) && Text == other.Text && Kind == other.Kind;

    public override int GetHashCode() => HashCode.Combine(base.GetHashCode(), Text, Kind);

    public bool TryGetLong(out long value)
    {
        value = Integer ?? 0;
        return Integer is not null;
    }

    public bool TryGetDouble(out double value)
    {
        value = Number ?? 0;
        return Number is not null;
    }

    public bool TryGetBool(out bool value)
    {
        value = Boolean ?? false;
        return Boolean is not null;
    }

    /// <summary>Builds a plain scalar from C# text, resolving its kind as YAML would.</summary>
    public static CfgScalar Plain(string text, SourceMark mark) => new(text, ScalarResolver.Resolve(text), mark);

    /// <summary>An integer scalar written canonically.</summary>
    public static CfgScalar Of(long value, SourceMark mark) => new(value.ToString(CultureInfo.InvariantCulture), ScalarKind.Int, mark);

    /// <summary>A float scalar written canonically (always with a '.' or an exponent, so it stays a float).</summary>
    public static CfgScalar Of(double value, SourceMark mark) => new(FloatText(value), ScalarKind.Float, mark);

    /// <summary>The canonical text of a double: shortest round-trip digits, readable as a float by YAML 1.1 and 1.2.</summary>
    public static string FloatText(double value)
    {
        if (double.IsNaN(value)) return ".nan";
        if (double.IsInfinity(value)) return value > 0 ? ".inf" : "-.inf";
        if (value == 0) return "0.0"; // -0.0 is the same value: one trial, one hash
        var r = value.ToString("R", CultureInfo.InvariantCulture);
        var e = r.IndexOf('E');
        if (e < 0) return r.Contains('.') ? r : r + ".0";
        var mantissa = r[..e];
        return (mantissa.Contains('.') ? mantissa : mantissa + ".0") + "e" + r[(e + 1)..];
    }

    internal static long? ParseInt(string text)
    {
        var t = text.StartsWith('+') ? text[1..] : text;
        if (t.StartsWith("0x", StringComparison.Ordinal))
            return long.TryParse(t[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var h) && h >= 0 ? h : null;
        if (t.StartsWith("0o", StringComparison.Ordinal))
        {
            try { return Convert.ToInt64(t[2..], 8); }
            catch (Exception ex) when (ex is FormatException or OverflowException) { return null; }
        }
        return long.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v : null;
    }

    internal static double? ParseFloat(string text)
    {
        switch (text.TrimStart('+').ToLowerInvariant())
        {
            case ".inf": return double.PositiveInfinity;
            case "-.inf": return double.NegativeInfinity;
            case ".nan": return double.NaN;
        }
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;
    }
}
