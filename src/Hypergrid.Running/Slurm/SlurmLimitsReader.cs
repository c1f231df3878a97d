using Hypergrid.Config;

namespace Hypergrid.Running.Slurm;

/// <summary>Asks the cluster for its limits before a submission: scontrol for MaxArraySize, sacctmgr and squeue for MaxSubmitJobs.</summary>
public static class SlurmLimitsReader
{
    public static async Task<SlurmLimits> ReadAsync(CancellationToken cancel)
    {
        var arraySize = SlurmLimits.ArraySizeFrom(await SlurmCommands.RunAsync("scontrol", ["show", "config"], cancel));
        var user = Environment.UserName;
        int? submit;
        string said;
        try
        {
            submit = SlurmLimits.SubmitJobsFrom(await SlurmCommands.RunAsync("sacctmgr", ["-n", "-P", "show", "assoc", $"where", $"user={user}", "format=maxsubmit"], cancel));
            said = submit is null ? "no MaxSubmitJobs for you in sacctmgr" : $"MaxSubmitJobs {submit}";
        }
        catch (UsageException)
        {
            // No slurmdbd (accounting_storage/none) or no sacctmgr: no per-user limit can be set, nor read.
            submit = null;
            said = "no accounting (sacctmgr does not answer): no MaxSubmitJobs known";
        }
        var queued = submit is null ? 0 : SlurmLimits.QueuedFrom(await SlurmCommands.RunAsync("squeue", ["-h", "-r", "-u", user, "-o", "%i"], cancel));
        return new SlurmLimits(arraySize, submit, queued, $"MaxArraySize {(arraySize is { } a ? a.ToString(System.Globalization.CultureInfo.InvariantCulture) : "unknown")}, {said}");
    }
}
