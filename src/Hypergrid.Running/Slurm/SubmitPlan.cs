namespace Hypergrid.Running.Slurm;

/// <summary>
/// How a submission of N tasks keeps the cluster's rules (pure): as many tasks as the user's MaxSubmitJobs leaves room
/// for now, in arrays of at most MaxArraySize tasks, each with its share of the throttle (the shares never add up to more
/// than it); the rest is held, and a later <c>run</c> submits what is left once slots free.
/// </summary>
public sealed record SubmitPlan(IReadOnlyList<SubmitPlan.Part> Parts, int Held, string? Why)
{
    /// <summary>One sbatch array: its tasks (indices 0 to Tasks-1), the worker numbers it starts at, and its %throttle.</summary>
    public sealed record Part(int Tasks, int Offset, int? Throttle);

    /// <summary>Tasks submitted now.</summary>
    public int Submitted => Parts.Sum(p => p.Tasks);

    /// <summary>The plan for <paramref name="tasks"/> tasks under <paramref name="limits"/>, at most <paramref name="throttle"/> running at once.</summary>
    public static SubmitPlan Of(int tasks, SlurmLimits limits, int? throttle)
    {
        var room = limits.MaxSubmitJobs is { } most ? Math.Max(0, most - limits.Queued) : tasks;
        var now = Math.Min(tasks, room);
        string? why = now < tasks ? $"MaxSubmitJobs is {limits.MaxSubmitJobs} and {limits.Queued} of your jobs are queued" : null;
        var size = limits.MaxArraySize ?? int.MaxValue;
        var counts = new List<int>();
        for (var left = now; left > 0; left -= Math.Min(left, size)) counts.Add(Math.Min(left, size));
        // A throttle of T over several arrays: T shared out, so that no more than T tasks run at once in all.
        if (throttle is { } t && counts.Count > t)
        {
            var later = counts.Skip(t).Sum();
            counts = [.. counts.Take(t)];
            why = (why is null ? "" : why + "; ") + $"the throttle {t} runs at most {t} array(s) of one task at a time";
            now -= later;
        }
        var parts = new List<Part>();
        var offset = 0;
        for (var i = 0; i < counts.Count; i++)
        {
            int? share = throttle is { } total ? total / counts.Count + (i < total % counts.Count ? 1 : 0) : null;
            parts.Add(new Part(counts[i], offset, share is { } s && s < counts[i] ? s : null));
            offset += counts[i];
        }
        return new SubmitPlan(parts, tasks - now, why);
    }
}
