namespace Hypergrid.Running;

/// <summary>
/// Words for bash, the one place a command of separate arguments becomes a shell line: each word single-quoted (a job
/// script's worker line), or left bare where it holds only characters a shell takes as they are (a command shown for a
/// reader to paste). Either way bash reads back exactly the words given.
/// </summary>
public static class ShellWords
{
    /// <summary>A word single-quoted, each quote in it closed, escaped and reopened.</summary>
    public static string Quote(string word) => "'" + word.Replace("'", "'\\''") + "'";

    /// <summary>As <see cref="Quote"/>, but a word of letters, digits and <c>-_./=:,+@%</c> alone is left bare.</summary>
    public static string Readable(string word) => word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:,+@%".Contains(c)) ? word : Quote(word);

    /// <summary>The words as one line, each quoted (<paramref name="readable"/>: only where it must be).</summary>
    public static string Line(IEnumerable<string> words, bool readable = false) => string.Join(' ', words.Select(readable ? Readable : (Func<string, string>)Quote));
}
