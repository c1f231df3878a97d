using System.Globalization;
using System.Text;

namespace Hypergrid.Config;

/// <summary>
/// A name from the user's files as a message shows it: every character outside printable ASCII written as \u{XXXX}, so a
/// key with a zero-width space ('lr\u{200B}') or a Cyrillic 'а' cannot pass for the key it imitates.
/// </summary>
public static class Visible
{
    public static string Text(string s)
    {
        if (s.All(c => c is >= ' ' and <= '~')) return s;
        var sb = new StringBuilder(s.Length + 8);
        foreach (var rune in s.EnumerateRunes())
            if (rune.Value is >= ' ' and <= '~') sb.Append((char)rune.Value);
            else sb.Append("\\u{").Append(rune.Value.ToString("X4", CultureInfo.InvariantCulture)).Append('}');
        return sb.ToString();
    }
}
