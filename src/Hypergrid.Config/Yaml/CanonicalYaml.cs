namespace Hypergrid.Config.Yaml;

/// <summary>
/// Reads the form <see cref="Expansion.TrialConfig.Render"/> writes a trial's cfg.yaml in (comment lines, then <c>key: value</c>
/// lines with plain or double-quoted scalars, flat flow lists, <c>{}</c>, and indented blocks) without a YAML parser: the
/// trial list reads 100,000 of them. It gives exactly the <see cref="CfgMap"/> <see cref="YamlLoader.LoadMapping"/>
/// would, marks included, or null for anything outside that form (the caller then reads it with the loader).
/// </summary>
public static class CanonicalYaml
{
    private const int MaxDepth = 8;

    /// <summary>The mapping, or null: not in the canonical form (read it with <see cref="YamlLoader.LoadMapping"/>).</summary>
    public static CfgMap? TryRead(string text, string file)
    {
        // Printable ASCII and newlines only: a tab, a carriage return, a byte-order mark or any other character is the loader's to judge.
        if (text.Length == 0 || !PrintableAscii(text)) return null;
        var lines = text.Split('\n');
        // The last line is what follows the last newline: empty in a file that ends with one.
        var count = lines[^1].Length == 0 ? lines.Length - 1 : lines.Length;
        var reader = new Reader(lines, count, file);
        return reader.Block(0, 0) is { } map && reader.AtEnd ? map : null;
    }

    private static bool PrintableAscii(string text)
    {
        foreach (var c in text)
            if (c != '\n' && c is < ' ' or > '~') return false;
        return true;
    }

    private sealed class Reader(string[] lines, int count, string file)
    {
        private int line;

        public bool AtEnd { get { SkipComments(); return line == count; } }

        private void SkipComments()
        {
            while (line < count && lines[line].StartsWith('#')) line++;
        }

        // The entries at exactly this indentation, up to a line indented less.
        public CfgMap? Block(int indent, int depth)
        {
            if (depth > MaxDepth) return null;
            var entries = new List<CfgEntry>();
            HashSet<string>? keys = null; // made only past a few keys: a trial's cfg.yaml has a handful
            SourceMark? start = null;
            while (true)
            {
                SkipComments();
                if (line == count) break;
                var text = lines[line];
                var spaces = Indent(text);
                if (spaces < indent && depth > 0) break;
                if (spaces != indent || spaces == text.Length) return null;
                var colon = text.IndexOf(':', indent);
                if (colon < 0 || !IsKey(text.AsSpan(indent, colon - indent))) return null;
                var key = text[indent..colon];
                if (Seen(entries, ref keys, key)) return null; // a duplicate: the loader's error
                var keyMark = Mark(line, indent);
                start ??= keyMark;
                CfgNode? value;
                if (colon == text.Length - 1)
                {
                    // A nested block: its lines follow, indented further.
                    line++;
                    SkipComments();
                    if (line == count || Indent(lines[line]) <= indent) return null; // "key:" alone is null: left to the loader
                    value = Block(Indent(lines[line]), depth + 1);
                }
                else
                {
                    if (text[colon + 1] != ' ') return null;
                    value = Value(text, colon + 2, line);
                    line++;
                }
                if (value is null) return null;
                entries.Add(new CfgEntry(key, value, keyMark));
            }
            return start is { } mark ? new CfgMap(entries, mark) : null;
        }

        private SourceMark Mark(int at, int column) => new(file, at + 1, column + 1);

        // Whether the key is among the entries so far: compared one by one while they are few, by a set past that.
        private static bool Seen(List<CfgEntry> entries, ref HashSet<string>? keys, string key)
        {
            if (keys is null && entries.Count < 16)
            {
                foreach (var e in entries)
                    if (e.Key == key) return true;
                return false;
            }
            keys ??= new HashSet<string>(entries.Select(e => e.Key), StringComparer.Ordinal);
            return !keys.Add(key);
        }

        private static int Indent(string text)
        {
            var i = 0;
            while (i < text.Length && text[i] == ' ') i++;
            return i;
        }

        // A value that fills the rest of the line from column `at`.
        private CfgNode? Value(string text, int at, int row)
        {
            if (at >= text.Length) return null;
            if (text[at] == '[') return List(text, at, row);
            if (text.AsSpan(at) is "{}") return new CfgMap([], Mark(row, at));
            return Scalar(text, at, text.Length, row, flow: false);
        }

        private CfgList? List(string text, int at, int row)
        {
            if (text[^1] != ']') return null;
            var items = new List<CfgNode>();
            var end = text.Length - 1;
            var i = at + 1;
            if (i == end) return new CfgList(items, Mark(row, at));
            while (true)
            {
                // A quoted item ends at its closing quote, a plain one at the next comma (a plain scalar has none).
                var quoted = text[i] == '"';
                var next = quoted ? text.IndexOf('"', i + 1) + 1 : text.IndexOf(',', i);
                if (quoted && next == 0) return null;
                var stop = next <= 0 ? end : next;
                if (Scalar(text, i, stop, row, flow: true) is not { } item) return null;
                items.Add(item);
                if (stop == end) break;
                if (text.AsSpan(stop).StartsWith(", ") is false || stop + 2 >= end) return null;
                i = stop + 2;
            }
            return new CfgList(items, Mark(row, at));
        }

        // A scalar written from `from` up to `to`: double-quoted without escapes, or plain in the writer's safe alphabet.
        private CfgScalar? Scalar(string text, int from, int to, int row, bool flow)
        {
            var span = text.AsSpan(from, to - from);
            if (span.Length >= 2 && span[0] == '"')
            {
                var inner = span[1..^1];
                return span[^1] == '"' && !inner.ContainsAny('"', '\\') ? new CfgScalar(inner.ToString(), ScalarKind.String, Mark(row, from)) : null;
            }
            if (!IsPlain(span)) return null;
            var plain = span.ToString();
            return new CfgScalar(plain, ScalarResolver.Resolve(plain), Mark(row, from));
        }

        private static bool IsKey(ReadOnlySpan<char> key)
        {
            if (key.Length == 0 || !(char.IsAsciiLetter(key[0]) || key[0] == '_')) return false;
            foreach (var c in key)
                if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-')) return false;
            return true;
        }

        // [-+]? then a letter, digit, '_', '.' or '/', then those, '@', '+' and '-', with single spaces between words:
        // no YAML indicator, no comment, no ": ", nothing a flow list would split.
        private static bool IsPlain(ReadOnlySpan<char> s)
        {
            var i = s.Length > 0 && s[0] is '-' or '+' ? 1 : 0;
            if (i >= s.Length || !(char.IsAsciiLetterOrDigit(s[i]) || s[i] is '_' or '.' or '/')) return false;
            for (; i < s.Length; i++)
            {
                var c = s[i];
                if (c == ' ')
                {
                    if (i == s.Length - 1 || s[i + 1] == ' ') return false;
                    continue;
                }
                if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '/' or '@' or '+' or '-')) return false;
            }
            return true;
        }
    }
}
