using System.Globalization;
using System.Text.RegularExpressions;

namespace Hypergrid.Trials.Tests;

/// <summary>
/// A trial folder's name is parsed without a regex (a first list parses 100,000): exactly the names FolderName writes are
/// trials, as the pattern ^trial_([0-9]{3,9})$ with the round trip said before.
/// </summary>
public sealed class TrialFolderNameTests
{
    // The rule as it was written before: the pattern, the number, and the name it gives back.
    private static bool Reference(string name, out int number)
    {
        number = 0;
        var m = Regex.Match(name, @"^trial_([0-9]{3,9})$");
        return m.Success && int.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out number) && TrialFiles.FolderName(number) == name;
    }

    [Theory]
    [InlineData("trial_000", 0)]
    [InlineData("trial_007", 7)]
    [InlineData("trial_999", 999)]
    [InlineData("trial_1000", 1000)]
    [InlineData("trial_123456789", 123456789)]
    public void The_names_FolderName_writes_are_trials(string name, int number)
    {
        Assert.True(TrialFiles.TryParseFolder(name, out var n));
        Assert.Equal(number, n);
        Assert.Equal(name, TrialFiles.FolderName(n));
    }

    [Theory]
    [InlineData("trial_0000")] // a second trial 0
    [InlineData("trial_01")]
    [InlineData("trial_0100")]
    [InlineData("trial_1234567890")] // ten digits
    [InlineData("trial_\u0663\u0663\u0663")] // digits, but not ASCII ones
    [InlineData("trial_-01")]
    [InlineData("trial_+123")]
    [InlineData("Trial_000")]
    [InlineData("trial_000 ")]
    [InlineData("trial_ 123")]
    [InlineData("xtrial_000")]
    [InlineData("trial_")]
    [InlineData("trial_x")]
    public void Other_names_are_not(string name) => Assert.False(TrialFiles.TryParseFolder(name, out _));

    [Fact]
    public void Any_name_is_judged_as_the_pattern_judged_it()
    {
        var random = new Random(7);
        const string alphabet = "0123456789trial_ +-\u0663";
        for (var i = 0; i < 20_000; i++)
        {
            var tail = new string(Enumerable.Range(0, random.Next(0, 12)).Select(_ => alphabet[random.Next(i % 2 == 0 ? 10 : alphabet.Length)]).ToArray());
            var name = (random.Next(10) == 0 ? "trail_" : "trial_") + tail;
            var trial = Reference(name, out var a);
            Assert.Equal((name, trial), (name, TrialFiles.TryParseFolder(name, out var b)));
            if (trial) Assert.Equal(a, b);
        }
    }
}
