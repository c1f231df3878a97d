using System.Globalization;
using System.Text.RegularExpressions;

namespace Hypergrid.Running.Slurm;

/// <summary>
/// The cluster's rules a submission must keep: the largest array (MaxArraySize: indices run 0 to one less) and the
/// user's MaxSubmitJobs with the jobs already queued (each array task counts as a job). A limit the cluster does not say
/// is null, and <see cref="Said"/> says why, for the opening line. The readers of each command's answer are pure.
/// </summary>
public sealed partial record SlurmLimits(int? MaxArraySize, int? MaxSubmitJobs, int Queued, string Said)
{
    /// <summary>MaxArraySize from <c>scontrol show config</c> ("MaxArraySize = 1001"); null when absent.</summary>
    public static int? ArraySizeFrom(string showConfig) =>
        ConfigLine().Match(showConfig) is { Success: true } m && int.TryParse(m.Groups[1].Value, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;

    /// <summary>
    /// The tightest MaxSubmitJobs of <c>sacctmgr -n -P show assoc where user=U format=maxsubmit</c> (one line per
    /// association, empty where none is set); null when no association sets one.
    /// </summary>
    public static int? SubmitJobsFrom(string sacctmgr) =>
        sacctmgr.Split('\n').Select(l => l.Trim().TrimEnd('|')).Where(l => l.Length > 0)
            .Select(l => int.TryParse(l, CultureInfo.InvariantCulture, out var n) ? n : (int?)null).Where(n => n >= 0).Min();

    /// <summary>The jobs <c>squeue -h -r -u U -o %i</c> lists (array tasks one per line).</summary>
    public static int QueuedFrom(string squeue) => squeue.Split('\n').Count(l => l.Trim().Length > 0);

    [GeneratedRegex(@"^\s*MaxArraySize\s*=\s*(\d+)\s*$", RegexOptions.Multiline)]
    private static partial Regex ConfigLine();
}
