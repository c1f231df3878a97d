using System.Globalization;
using Hypergrid.Trials;

namespace Hypergrid.Running.Slurm;

/// <summary>
/// Tasks of a submission held back by the cluster's limits: <c>held.txt</c> in its folder under out/slurm (the count, then
/// why). No process waits to submit them: the next <c>run</c> submits what is left of the trials (and clears the note),
/// and <c>status</c> says what waits.
/// </summary>
public static class SlurmHeld
{
    private const string File = "held.txt";

    /// <summary>Notes the held tasks of a submission.</summary>
    public static void Write(string runDir, int tasks, string why) =>
        AtomicFile.WriteAllText(Path.Combine(runDir, File), $"{tasks.ToString(CultureInfo.InvariantCulture)}\n{why}\n");

    /// <summary>A new submission supersedes what earlier ones held: it is sized for the trials left now.</summary>
    public static void ClearOthers(string runDir)
    {
        var root = Path.GetDirectoryName(Path.GetFullPath(runDir))!;
        foreach (var note in Directory.EnumerateFiles(root, File, SearchOption.AllDirectories))
            if (Path.GetDirectoryName(note) != Path.GetFullPath(runDir)) System.IO.File.Delete(note);
    }

    /// <summary>What <c>status</c> says of held tasks under <paramref name="outDir"/>: one line per submission.</summary>
    public static IEnumerable<string> Lines(string outDir)
    {
        var root = Path.Combine(outDir, "slurm");
        if (!Directory.Exists(root)) yield break;
        foreach (var note in Directory.EnumerateFiles(root, File, SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var lines = System.IO.File.ReadAllLines(note);
            if (lines.Length < 2 || !int.TryParse(lines[0], CultureInfo.InvariantCulture, out var n)) continue;
            yield return $"{n} Slurm task(s) of submission {Path.GetFileName(Path.GetDirectoryName(note))} wait to be submitted ({lines[1]}): " +
                "run the same command again once your jobs leave the queue; it submits tasks for the trials still to train";
        }
    }
}
