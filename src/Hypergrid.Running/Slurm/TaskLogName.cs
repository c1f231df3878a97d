using System.Globalization;

namespace Hypergrid.Running.Slurm;

/// <summary>
/// The output file of an array task: <c>task_%a.out</c> for the first array of a submission, <c>task_%a+O.out</c> for an
/// array whose workers are numbered from O (a submission split by MaxArraySize), so every worker has its own file and number.
/// </summary>
public static class TaskLogName
{
    /// <summary>The sbatch --output pattern of an array whose workers start at <paramref name="offset"/>.</summary>
    public static string Pattern(int offset) => offset == 0 ? "task_%a.out" : $"task_%a+{offset.ToString(CultureInfo.InvariantCulture)}.out";

    /// <summary>The worker number of a task's output file name (without folder), or null for a file of another kind.</summary>
    public static int? Worker(string fileName)
    {
        if (!fileName.StartsWith("task_", StringComparison.Ordinal) || !fileName.EndsWith(".out", StringComparison.Ordinal)) return null;
        var parts = fileName["task_".Length..^".out".Length].Split('+');
        if (parts.Length > 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var task)) return null;
        if (parts.Length == 1) return task;
        return int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var offset) ? task + offset : null;
    }
}
