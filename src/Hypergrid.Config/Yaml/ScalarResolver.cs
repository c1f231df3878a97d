using System.Text.RegularExpressions;

namespace Hypergrid.Config.Yaml;

/// <summary>YAML 1.2 core-schema resolution of plain scalars (so `1e-3` is a float, `yes` a string).</summary>
public static partial class ScalarResolver
{
    public static ScalarKind Resolve(string plain)
    {
        if (plain is "" or "~" or "null" or "Null" or "NULL") return ScalarKind.Null;
        if (plain is "true" or "True" or "TRUE" or "false" or "False" or "FALSE") return ScalarKind.Bool;
        if (IntPattern().IsMatch(plain)) return ScalarKind.Int;
        if (FloatPattern().IsMatch(plain)) return ScalarKind.Float;
        return ScalarKind.String;
    }

    [GeneratedRegex(@"^([-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")]
    private static partial Regex IntPattern();

    [GeneratedRegex(@"^([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$")]
    private static partial Regex FloatPattern();
}
