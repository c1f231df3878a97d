using Hypergrid.Config;
using Hypergrid.Config.Tree;
using Hypergrid.Trials;

namespace Hypergrid.Cli;

/// <summary>
/// Writes the experiment leaves promote made, all or none: a leaf whose file already says the same is left alone
/// (promote again changes nothing); a leaf that would change, or an earlier promoted leaf no longer among them, is shown
/// and refused without --force; every file goes to a temp file first and is renamed only once all were written.
/// </summary>
internal static class PromotedLeaves
{
    /// <summary>One leaf to write: its cfg.yaml path, its text, and what it was promoted from (for the message).</summary>
    public sealed record Leaf(string Path, string Text, string From);

    public static int Write(string cfgDir, IReadOnlyList<Leaf> leaves, IReadOnlyList<string> left, bool force, bool dryRun)
    {
        // Only a leaf under cfg/ is ever written (the names were checked; this says so for whatever the tree's links do).
        var cfgRoot = System.IO.Path.GetFullPath(cfgDir).TrimEnd('/') + "/";
        foreach (var leaf in leaves.Where(l => !System.IO.Path.GetFullPath(l.Path).StartsWith(cfgRoot, StringComparison.Ordinal)))
            throw new UsageException($"promote writes only experiment leaves under {cfgRoot}, and {leaf.Path} is not one");
        if (dryRun)
        {
            foreach (var leaf in leaves)
            {
                Console.WriteLine($"# would write {LeafFinder.Display(leaf.Path)}{(Existing(leaf) == leaf.Text ? " (unchanged)" : "")}:");
                Console.Write(leaf.Text);
            }
            foreach (var l in left) Console.WriteLine($"# would leave {l} in place: promoted before, no longer among these");
            return Exit.Ok;
        }
        var changed = leaves.Where(l => Existing(l) is { } old && old != l.Text).ToList();
        foreach (var leaf in changed)
        {
            Console.WriteLine($"{LeafFinder.Display(leaf.Path)} {(force ? "changes" : "would change")}:");
            foreach (var line in Diff(Existing(leaf)!.TrimEnd('\n').Split('\n'), leaf.Text.TrimEnd('\n').Split('\n'))) Console.WriteLine(line);
        }
        if (!force && (changed.Count > 0 || left.Count > 0))
        {
            var said = changed.Select(l => $"{LeafFinder.Display(l.Path)} exists with other contents")
                .Concat(left.Select(l => $"{l} was promoted before and is no longer among these")).ToList();
            throw new UsageException($"{string.Join("; ", said)}; --force overwrites (after showing the difference; an earlier leaf is left in place), --dry-run prints the new file(s)");
        }
        var write = leaves.Where(l => Existing(l) != l.Text).ToList();
        WriteAll(write);
        foreach (var leaf in leaves)
            Console.WriteLine(write.Contains(leaf) ? $"wrote {LeafFinder.Display(leaf.Path)} from {leaf.From}" : $"unchanged {LeafFinder.Display(leaf.Path)} (from {leaf.From})");
        foreach (var l in left) Console.WriteLine($"left {l} in place: it is no longer among these; delete it if it should not run");
        if (write.Count > 0) Console.WriteLine("train with 'hypergrid experiment'");
        return Exit.Ok;
    }

    private static string? Existing(Leaf leaf) => File.Exists(leaf.Path) ? File.ReadAllText(leaf.Path) : null;

    // Every file to a temp file beside it, then every rename: a refusal on the way leaves cfg/ as it was (folders made for it removed).
    private static void WriteAll(IReadOnlyList<Leaf> leaves)
    {
        var made = new List<string>();
        var temps = new List<(string Temp, string Path)>();
        var current = leaves.Count > 0 ? leaves[0].Path : "";
        try
        {
            foreach (var leaf in leaves)
            {
                current = leaf.Path;
                var dir = System.IO.Path.GetDirectoryName(leaf.Path)!;
                for (var d = dir; !Directory.Exists(d); d = System.IO.Path.GetDirectoryName(d)!) made.Insert(0, d);
                Directory.CreateDirectory(dir);
                var temp = AtomicFile.TempPathFor(leaf.Path);
                temps.Add((temp, leaf.Path));
                File.WriteAllText(temp, leaf.Text);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            foreach (var (temp, _) in temps) File.Delete(temp);
            foreach (var d in Enumerable.Reverse(made)) if (Directory.Exists(d) && !Directory.EnumerateFileSystemEntries(d).Any()) Directory.Delete(d);
            var failed = current;
            // cfg/ is the user's tree, not --out: say which folder refused, and how to get the file anyway.
            var refused = ex is UnauthorizedAccessException ? "the folder is not writable (permission denied, or read-only)" : ex.Message;
            throw new UsageException($"cannot write {LeafFinder.Display(failed)}: {refused}; nothing was written\n  hint: make {System.IO.Path.GetDirectoryName(LeafFinder.Display(failed))}/ (or the first of its folders that exists) writable, or print the file with --dry-run and save it yourself");
        }
        foreach (var (temp, path) in temps) File.Move(temp, path, overwrite: true);
    }

    private static IEnumerable<string> Diff(string[] old, string[] now) =>
        old.Except(now).Select(l => "- " + l).Concat(now.Except(old).Select(l => "+ " + l));
}
