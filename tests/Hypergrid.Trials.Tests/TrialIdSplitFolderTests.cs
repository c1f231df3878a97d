namespace Hypergrid.Trials.Tests;

/// <summary>The one rule that splits a trial folder's path into its leaf and number: the number exactly when the name is a trial's.</summary>
public sealed class TrialIdSplitFolderTests
{
    [Theory]
    [InlineData("/o/log/sweep/d/m/t/trial_000", 0)]
    [InlineData("/o/log/sweep/d/m/t/trial_042", 42)]
    [InlineData("/o/log/sweep/d/m/t/trial_1000", 1000)]
    [InlineData("log/sweep/d/m/t/trial_999999999", 999999999)]
    public void A_trial_folder_splits_at_its_last_slash_with_its_number(string dir, int number)
    {
        Assert.Equal(dir.LastIndexOf('/'), TrialId.SplitFolder(dir, out var n));
        Assert.Equal(number, n);
        Assert.Equal(number, TrialId.FromDirectory(dir).Number);
    }

    [Theory]
    [InlineData("/o/log/sweep/d/m/t/trial_0000")]
    [InlineData("/o/log/sweep/d/m/t/trial_01")]
    [InlineData("/o/log/sweep/d/m/t/trial_")]
    [InlineData("/o/log/sweep/d/m/t/trial_1e3")]
    [InlineData("/o/log/sweep/d/m/t/trial_000/")]
    [InlineData("/o/log/sweep/d/m/t/other")]
    [InlineData("trial_000")]
    public void Any_other_path_does_not_split(string dir) => Assert.Equal(-1, TrialId.SplitFolder(dir, out _));

    [Fact]
    public void It_splits_exactly_the_names_the_folder_rule_takes()
    {
        // Every name of "trial_" and up to four characters from those that matter, against TrialFiles' own rule.
        const string alphabet = "01 9+-e_/";
        var names = new List<string> { "" };
        for (var length = 0; length < 4; length++)
            names.AddRange(names.Where(n => n.Length == length).SelectMany(n => alphabet.Select(c => n + c)).ToList());
        foreach (var tail in names)
        {
            var name = "trial_" + tail;
            var split = TrialId.SplitFolder("/o/log/sweep/d/m/t/" + name, out var n);
            var m = 0;
            var rule = !name.Contains('/') && TrialFiles.TryParseFolder(name, out m);
            Assert.Equal((name, rule), (name, split > 0));
            if (rule) Assert.Equal(m, n);
        }
    }
}
