namespace Hypergrid.Trials.Tests;

/// <summary>A holder that commits its result removes its own attempts, never a later holder's.</summary>
public sealed class AttemptTests : IDisposable
{
    private readonly string trial = Directory.CreateTempSubdirectory("hypergrid-attempt-").FullName;

    public void Dispose() => Directory.Delete(trial, true);

    private string Make(string name)
    {
        var d = Path.Combine(trial, Attempt.Folder, name);
        Directory.CreateDirectory(d);
        File.WriteAllText(Path.Combine(d, TrialFiles.PartialLog), "epoch\n");
        return d;
    }

    [Fact]
    public void Attempts_up_to_the_holders_own_go_and_a_later_holders_attempt_stays()
    {
        Make("001");
        Make("002");
        var later = Make("003");
        Attempt.RemoveUpTo(trial, 2);
        Assert.Equal([later], Directory.GetDirectories(Path.Combine(trial, Attempt.Folder)));
        Assert.True(File.Exists(Path.Combine(later, TrialFiles.PartialLog)));
    }

    [Fact]
    public void A_later_holders_attempt_being_built_stays_and_the_folder_goes_when_nothing_else_is_left()
    {
        Make("001");
        var building = Make(".002.4242");
        Attempt.RemoveUpTo(trial, 1);
        Assert.True(Directory.Exists(building));
        Directory.Delete(building, true);
        Make("001");
        Attempt.RemoveUpTo(trial, 1);
        Assert.False(Directory.Exists(Path.Combine(trial, Attempt.Folder)));
    }
}
