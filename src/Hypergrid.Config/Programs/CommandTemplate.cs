using System.Text;

namespace Hypergrid.Config.Programs;

/// <summary>
/// A trial's <c>command:</c> as a template: split into arguments without a shell (whitespace separates; '…' and "…"
/// group; a backslash escapes the next character outside '…'), with <c>{key}</c> replaced by the trial's value of key
/// in canonical form and <c>{{</c> / <c>}}</c> written as literal braces. A value never splits an argument.
/// </summary>
public sealed class CommandTemplate
{
    // Each argument is a list of parts: literal text, or a key whose value is put in its place.
    private readonly List<List<(string Text, bool IsKey)>> arguments;

    private CommandTemplate(List<List<(string, bool)>> arguments) => this.arguments = arguments;

    /// <summary>The keys the template names, in order of first appearance.</summary>
    public IReadOnlyList<string> Keys => arguments.SelectMany(a => a).Where(p => p.IsKey).Select(p => p.Text).Distinct().ToList();

    /// <summary>Parses a command; the problem (unbalanced brace or quote, no program) when it cannot.</summary>
    public static CommandTemplate? TryParse(string text, out string? problem)
    {
        problem = null;
        var args = new List<List<(string, bool)>>();
        List<(string, bool)>? current = null;
        var literal = new StringBuilder();
        char quote = '\0';
        void Flush()
        {
            if (literal.Length == 0) return;
            (current ??= []).Add((literal.ToString(), false));
            literal.Clear();
        }
        void End()
        {
            Flush();
            if (current is not null) args.Add(current);
            current = null;
        }
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote == '\0' && char.IsWhiteSpace(c)) { End(); continue; }
            current ??= [];
            if (c == quote) { quote = '\0'; continue; }
            if (quote == '\0' && c is '\'' or '"') { quote = c; continue; }
            if (c == '\\' && quote != '\'' && i + 1 < text.Length) { literal.Append(text[++i]); continue; }
            if (c == '{' && i + 1 < text.Length && text[i + 1] == '{') { literal.Append('{'); i++; continue; }
            if (c == '}' && i + 1 < text.Length && text[i + 1] == '}') { literal.Append('}'); i++; continue; }
            if (c == '}') { problem = $"has a '}}' at character {i + 1} that closes nothing (write '}}}}' for a literal brace)"; return null; }
            if (c == '{')
            {
                var close = text.IndexOf('}', i + 1);
                var name = close < 0 ? "" : text[(i + 1)..close];
                if (close < 0 || name.Length == 0 || name.Any(ch => ch is '{' or ' ' or '\'' or '"'))
                {
                    problem = $"has a '{{' at character {i + 1} that does not start a {{key}} placeholder (write '{{{{' for a literal brace)";
                    return null;
                }
                Flush();
                current.Add((name, true));
                i = close;
                continue;
            }
            literal.Append(c);
        }
        if (quote != '\0') { problem = $"has an unclosed {quote} quote"; return null; }
        End();
        if (args.Count == 0) { problem = "names no program"; return null; }
        return new CommandTemplate(args);
    }

    /// <summary>The argument list with every placeholder replaced by <paramref name="value"/>(key).</summary>
    public IReadOnlyList<string> Arguments(Func<string, string> value) =>
        arguments.Select(parts => string.Concat(parts.Select(p => p.IsKey ? value(p.Text) : p.Text))).ToList();
}
