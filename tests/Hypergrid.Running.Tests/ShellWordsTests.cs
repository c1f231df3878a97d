using System.Diagnostics;

namespace Hypergrid.Running.Tests;

/// <summary>A line of shell words, quoted always or only where needed, reads back in a real bash as exactly the words given.</summary>
public sealed class ShellWordsTests
{
    private static readonly string[] Words =
        ["plain", "lr=0.1", "/a/b.csv", "", "two words", "it's", "'", "''", "$HOME", "`id`", "a\"b", "back\\slash", "tab\there", "new\nline", "*", "~", "!x", "é", "-n"];

    // What bash makes of a line: printf prints each word it gets, NUL-terminated.
    private static string[] Bash(string line)
    {
        var info = new ProcessStartInfo("bash", ["-c", "printf '%s\\0' " + line]) { RedirectStandardOutput = true };
        using var bash = Process.Start(info)!;
        var output = bash.StandardOutput.ReadToEnd();
        bash.WaitForExit();
        return output.Split('\0')[..^1];
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Bash_reads_a_line_back_as_its_words(bool readable) => Assert.Equal(Words, Bash(ShellWords.Line(Words, readable)));

    [Fact]
    public void A_readable_line_quotes_only_the_words_that_need_it()
    {
        Assert.Equal("python3 train.py --lr 0.1 a=b", ShellWords.Line(["python3", "train.py", "--lr", "0.1", "a=b"], readable: true));
        Assert.Equal("echo '' 'two words' 'it'\\''s'", ShellWords.Line(["echo", "", "two words", "it's"], readable: true));
        Assert.Equal("'python3' 'train.py'", ShellWords.Line(["python3", "train.py"]));
    }
}
