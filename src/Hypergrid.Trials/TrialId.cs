namespace Hypergrid.Trials;

/// <summary>A trial's identity: its leaf (mode/dataset/model/trainer) and number; written mode/dataset/model/trainer/trial_###.</summary>
public readonly record struct TrialId(string Mode, string Dataset, string Model, string Trainer, int Number)
{
    /// <summary>mode/dataset/model/trainer, the leaf's folder below cfg/ and out/log/.</summary>
    public string Leaf => $"{Mode}/{Dataset}/{Model}/{Trainer}";

    public string Folder => TrialFiles.FolderName(Number);

    public override string ToString() => $"{Leaf}/{Folder}";

    /// <summary>The trial folder of this id under out/log.</summary>
    public string DirectoryUnder(string logRoot) => Path.Combine(logRoot, Mode, Dataset, Model, Trainer, Folder);

    /// <summary>
    /// The out/log a folder of this trial lies in (<see cref="DirectoryUnder"/> undone): <paramref name="trialDir"/> without
    /// its last folder and this id's leaf; null where the folder above it is not this leaf's.
    /// </summary>
    public string? RootOf(string trialDir)
    {
        var leafDir = Path.GetDirectoryName(trialDir.TrimEnd('/'));
        if (leafDir is null) return null;
        if (leafDir == Leaf) return ".";
        var leaf = "/" + Leaf;
        return !leafDir.EndsWith(leaf, StringComparison.Ordinal) ? null : leafDir.Length == leaf.Length ? "/" : leafDir[..^leaf.Length];
    }

    /// <summary>Parses mode/dataset/model/trainer/trial_###; null for anything else.</summary>
    public static TrialId? TryParse(string path)
    {
        var parts = path.Replace('\\', '/').Trim('/').Split('/');
        // Each part a plain name: '..' or '.' would lead out of the tree (promote would write outside cfg/).
        if (parts.Length != 5 || parts[..4].Any(p => !IsName(p)) || !TrialFiles.TryParseFolder(parts[4], out var n)) return null;
        return new TrialId(parts[0], parts[1], parts[2], parts[3], n);
    }

    /// <summary>A folder name a leaf may have: not empty, not '.' or '..', no control character, no '\\' (read as '/').</summary>
    public static bool IsName(string part) => part.Length > 0 && part is not ("." or "..") && !part.Any(c => char.IsControl(c) || c == '\\');

    /// <summary>
    /// Where a trial folder's path splits into its leaf and its folder name: the index of the last '/', when the name after
    /// it is one Hypergrid gives a trial (<see cref="TrialFiles.TryParseFolder(ReadOnlySpan{char}, out int)"/>, so
    /// trial_0000 is none), with that number; -1 otherwise. The one rule of readers that parse a leaf's part of an id once
    /// and take each of its trials' numbers from the name alone (a list and a report read 100,000 paths).
    /// </summary>
    public static int SplitFolder(string dir, out int number)
    {
        var slash = dir.LastIndexOf('/');
        number = 0;
        return slash > 0 && TrialFiles.TryParseFolder(dir.AsSpan(slash + 1), out number) ? slash : -1;
    }

    /// <summary>The id of a trial folder from the last five segments of its path.</summary>
    public static TrialId FromDirectory(string dir)
    {
        var parts = Path.GetFullPath(dir).TrimEnd('/').Split('/');
        return TryParse(string.Join('/', parts[^Math.Min(5, parts.Length)..]))
            ?? throw new ArgumentException($"{dir} is not a trial folder (out/log/<mode>/<dataset>/<model>/<trainer>/trial_###)");
    }
}
