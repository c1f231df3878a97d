namespace Hypergrid.Config.Yaml;

/// <summary>YAML 1.2 core-schema resolution of plain scalars (so `1e-3` is a float, `yes` a string).</summary>
/// <remarks>
/// The core schema's patterns, matched by hand (a trial list resolves every scalar of 100,000 cfg.yaml files; the regular
/// expressions were a tenth of its parse): an int is <c>^([-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$</c>, a float
/// <c>^([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$</c>, read as .NET reads
/// them (<c>$</c> also before a last newline; ASCII digits only). ScalarResolverTests compare the two on every short text.
/// </remarks>
public static class ScalarResolver
{
    public static ScalarKind Resolve(string plain)
    {
        if (plain is "" or "~" or "null" or "Null" or "NULL") return ScalarKind.Null;
        if (plain is "true" or "True" or "TRUE" or "false" or "False" or "FALSE") return ScalarKind.Bool;
        var s = plain.AsSpan();
        if (s.Length > 0 && s[^1] == '\n') s = s[..^1]; // "$" matches before a last newline too
        if (IsInt(s)) return ScalarKind.Int;
        if (IsFloat(s)) return ScalarKind.Float;
        return ScalarKind.String;
    }

    private static bool IsInt(ReadOnlySpan<char> s)
    {
        if (s.StartsWith("0o", StringComparison.Ordinal)) return s.Length > 2 && !s[2..].ContainsAnyExceptInRange('0', '7');
        if (s.StartsWith("0x", StringComparison.Ordinal)) return s.Length > 2 && AllHex(s[2..]);
        if (s.Length > 0 && s[0] is '-' or '+') s = s[1..];
        return s.Length > 0 && !s.ContainsAnyExceptInRange('0', '9');
    }

    private static bool AllHex(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
            if (!char.IsAsciiHexDigit(c)) return false;
        return true;
    }

    private static bool IsFloat(ReadOnlySpan<char> s)
    {
        if (s is ".nan" or ".NaN" or ".NAN") return true;
        if (s.Length > 0 && s[0] is '-' or '+') s = s[1..];
        if (s is ".inf" or ".Inf" or ".INF") return true;
        var i = 0;
        if (i < s.Length && s[i] == '.')
        {
            // \.[0-9]+
            if (Digits(s, ++i) is var after && after == i) return false;
            i = after;
        }
        else
        {
            // [0-9]+(\.[0-9]*)?
            if (Digits(s, i) is var after && after == i) return false;
            i = after;
            if (i < s.Length && s[i] == '.') i = Digits(s, i + 1);
        }
        // ([eE][-+]?[0-9]+)?
        if (i < s.Length && s[i] is 'e' or 'E')
        {
            i++;
            if (i < s.Length && s[i] is '-' or '+') i++;
            if (Digits(s, i) is var after && after == i) return false;
            i = after;
        }
        return i == s.Length;
    }

    // Where the run of ASCII digits from `at` ends.
    private static int Digits(ReadOnlySpan<char> s, int at)
    {
        while (at < s.Length && char.IsAsciiDigit(s[at])) at++;
        return at;
    }
}
