using System.Globalization;
using System.Text;

namespace Hypergrid.Config;

/// <summary>
/// A name from the user's files as a message shows it: every character outside printable ASCII written as \u{XXXX}, so a
/// key with a zero-width space ('lr\u{200B}') or a Cyrillic 'а' cannot pass for the key it imitates.
/// </summary>
public static class Visible
{
    /// <summary>How many characters of a string from the user's files a message echoes (<see cref="Short"/>).</summary>
    public const int MaxShown = 120;

    /// <summary>
    /// <see cref="Text"/>, cut to its first <see cref="MaxShown"/> characters and its length when longer: a 100 KB name
    /// in a message is a screen of noise that hides the message.
    /// </summary>
    public static string Short(string s)
    {
        if (s.Length <= MaxShown && Text(s) is var whole && whole.Length <= MaxShown) return Text(s);
        var head = Text(s[..Math.Min(s.Length, MaxShown)]);
        return (head.Length > MaxShown ? head[..MaxShown] : head) + $"... ({s.Length.ToString("N0", CultureInfo.InvariantCulture)} characters)";
    }

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
