using Hypergrid.Running.Slurm;

namespace Hypergrid.Running.Tests.Slurm;

/// <summary>
/// The job script's shape, without a shell (JobScriptWarningTests run it in bash): the warning is sent to the shell, the
/// shell's traps come before anything else it runs, and the worker runs in the background (never exec'd, which left
/// nothing to keep a warning that came as the task started).
/// </summary>
public sealed class JobScriptTests
{
    private static readonly string Script = JobScript.Of(new SlurmSettings(), new SubmitPlan.Part(4, 0, 2), "/l o/gs", "hypergrid worker", "/f");

    [Fact]
    public void The_warning_goes_to_the_shell_and_its_traps_come_first()
    {
        var lines = Script.Split('\n');
        Assert.Contains(lines, l => l.StartsWith("#SBATCH --signal=B:USR1@", StringComparison.Ordinal));
        var commands = lines.Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        Assert.StartsWith("warning='/l o/gs'/.warning-", commands[0]);
        var traps = commands.FindIndex(l => l == "trap warned USR1");
        Assert.True(traps > 0 && traps < commands.FindIndex(l => l.StartsWith("cd ", StringComparison.Ordinal)), Script);
    }

    [Fact]
    public void The_worker_runs_in_the_background_and_the_shell_ends_with_its_code()
    {
        Assert.Contains("\nhypergrid worker &\n", Script);
        Assert.DoesNotContain("exec ", Script);
        Assert.EndsWith("exit $code\n", Script);
        Assert.Contains("#SBATCH --array=0-3%2\n", Script);
    }
}
