using System.Text;

namespace Hypergrid.Running.Slurm;

/// <summary>
/// How Slurm's time-limit warning reaches a task's worker. Slurm sends it (USR1, <c>--signal=B:USR1@s</c>) to the job
/// script's shell only, and may send it up to a minute early, as the task starts: before the worker, a .NET process
/// 100-200 ms into its start, handles USR1, when a USR1 would kill it (the task ended FAILED and was never submitted
/// again). So the shell keeps the warning: it traps USR1 first thing, writes the warning down in a file, and passes the
/// signal on only once the worker has said it listens (a file of its own beside it). The worker, once it handles USR1,
/// says so and then reads the warning file: whichever order the two come in, one of them sees the other's file.
/// The shell also passes on TERM and INT (scancel, the time limit itself), waits for the worker and ends with its code.
/// </summary>
public static class TimeLimitWarning
{
    /// <summary>The variable that names the warning file to the worker (the shell writes it when the warning comes).</summary>
    public const string Variable = "HYPERGRID_SLURM_WARNING";

    /// <summary>Added to the warning file's name for the worker's own file: it handles USR1 from then on.</summary>
    public const string ListeningSuffix = ".listening";

    /// <summary>
    /// The shell's part, before the worker starts (<paramref name="folder"/>: where its files go, the run's logs): the traps
    /// first, then the variable the worker reads.
    /// </summary>
    public static string Traps(string folder) => new StringBuilder()
        // Named per job, restart and shell, so that a requeued task never reads an earlier warning.
        .Append("warning=").Append(ShellWords.Quote(folder)).Append("/.warning-${SLURM_JOB_ID:-0}-${SLURM_RESTART_COUNT:-0}-$$\n")
        .Append("warned() { : > \"$warning\"; [ -n \"$!\" ] && [ -e \"$warning").Append(ListeningSuffix).Append("\" ] && kill -USR1 $!; again=1; }\n")
        .Append("stop() { [ -n \"$!\" ] || exit 143; kill -TERM $!; again=1; }\n")
        .Append("trap warned USR1\n")
        .Append("trap stop TERM INT\n")
        .Append("export ").Append(Variable).Append("=\"$warning\"\n")
        .ToString();

    /// <summary>
    /// The shell's part once the worker runs in the background: waits for it (a trapped signal ends a wait early, so it
    /// waits again), then passes nothing on any more, removes the files and ends with the worker's exit code.
    /// </summary>
    public const string Wait = "again=1\nwhile [ -n \"$again\" ]; do again=; wait $!; code=$?; done\ntrap '' USR1 TERM INT\nrm -f \"$warning\" \"$warning" + ListeningSuffix + "\"\nexit $code\n";

    /// <summary>
    /// The worker's part, once it handles USR1: says it listens and returns whether the warning came before. The variable
    /// is taken out of the environment, so the worker's copies and its trials' programs do not read it too.
    /// </summary>
    public static bool Listening()
    {
        if (Environment.GetEnvironmentVariable(Variable) is not { Length: > 0 } file) return false;
        Environment.SetEnvironmentVariable(Variable, null);
        try
        {
            File.WriteAllBytes(file + ListeningSuffix, []);
            return File.Exists(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Without the file the shell keeps the warning to itself: the time limit's SIGTERM still stops the trial.
            Console.Error.WriteLine($"{file}{ListeningSuffix}: could not be written ({ex.Message}): a time-limit warning will not reach this worker");
            return false;
        }
    }
}
