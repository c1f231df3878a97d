using Hypergrid.Trials;

namespace Hypergrid.Config.Expansion;

/// <summary>A trial folder already under out/log: its cfg.yaml text (null when missing) and, without one, the config its result ran with.</summary>
public sealed record ExistingTrial(int Number, string Directory, string? Text, System.Text.Json.Nodes.JsonObject? RanWith)
{
    /// <summary>Scans a leaf's output folder for trial_### folders, in number order.</summary>
    public static List<ExistingTrial> Scan(string leafOut)
    {
        if (!System.IO.Directory.Exists(leafOut)) return [];
        var dirs = System.IO.Directory.EnumerateDirectories(leafOut)
            .Select(d => (Dir: d, Ok: TrialFiles.TryParseFolder(Path.GetFileName(d), out var n), Number: n))
            .Where(d => d.Ok)
            .ToList();
        // Reading thousands of small files is syscall-bound: read them on every core.
        var found = dirs.AsParallel().Select(d =>
        {
            var cfg = Path.Combine(d.Dir, TrialFiles.Config);
            var text = File.Exists(cfg) ? File.ReadAllText(cfg) : null;
            // An expansion killed between making a folder and renaming its cfg.yaml into it leaves the folder empty (or
            // holding only that temp file): not a trial yet, so its number is made again, the same, not skipped.
            if (text is null && Unwritten(d.Dir)) return null;
            // A result whose cfg.yaml was deleted is still that trial: run.json says what it ran with.
            return new ExistingTrial(d.Number, d.Dir, text, text is null ? RunRecord.TryRead(d.Dir)?.Config : null);
        }).OfType<ExistingTrial>().ToList();
        found.Sort((a, b) => a.Number.CompareTo(b.Number));
        return found;
    }

    private static bool Unwritten(string dir) =>
        System.IO.Directory.EnumerateFileSystemEntries(dir).All(e => Path.GetFileName(e) is var name && AtomicFile.IsTemp(name) && name.StartsWith("." + TrialFiles.Config + ".", StringComparison.Ordinal));
}
