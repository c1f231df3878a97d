using System.Globalization;

namespace Hypergrid.Config.Yaml;

/// <summary>A scalar: its text as written and the type it resolves to.</summary>
public sealed record CfgScalar(string Text, ScalarKind Kind, SourceMark Mark) : CfgNode(Mark)
{
    public bool TryGetLong(out long value)
    {
        value = 0;
        return Kind == ScalarKind.Int && long.TryParse(Text.TrimStart('+'), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    public bool TryGetDouble(out double value)
    {
        value = 0;
        if (Kind is not (ScalarKind.Int or ScalarKind.Float)) return false;
        switch (Text.ToLowerInvariant().TrimStart('+'))
        {
            case ".inf": value = double.PositiveInfinity; return true;
            case "-.inf": value = double.NegativeInfinity; return true;
            case ".nan": value = double.NaN; return true;
        }
        return double.TryParse(Text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    public bool TryGetBool(out bool value)
    {
        value = Kind == ScalarKind.Bool && Text.Equals("true", StringComparison.OrdinalIgnoreCase);
        return Kind == ScalarKind.Bool;
    }

    /// <summary>Builds a plain scalar from C# text, resolving its kind as YAML would.</summary>
    public static CfgScalar Plain(string text, SourceMark mark) => new(text, ScalarResolver.Resolve(text), mark);
}
