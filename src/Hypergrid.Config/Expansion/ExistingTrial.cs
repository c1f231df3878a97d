namespace Hypergrid.Config.Expansion;

/// <summary>A trial folder already under out/log, with the text of its cfg.yaml (null when missing).</summary>
public sealed record ExistingTrial(int Number, string Directory, string? Text)
{
    /// <summary>Scans a leaf's output folder for trial_### folders.</summary>
    public static List<ExistingTrial> Scan(string leafOut)
    {
        if (!System.IO.Directory.Exists(leafOut)) return [];
        var dirs = System.IO.Directory.EnumerateDirectories(leafOut)
            .Select(d => (Dir: d, Ok: TrialFolder.TryParse(Path.GetFileName(d), out var n), Number: n))
            .Where(d => d.Ok)
            .ToList();
        // Reading thousands of small files is syscall-bound: read them on every core.
        var found = dirs.AsParallel().Select(d =>
        {
            var cfg = Path.Combine(d.Dir, TrialFolder.ConfigFile);
            return new ExistingTrial(d.Number, d.Dir, File.Exists(cfg) ? File.ReadAllText(cfg) : null);
        }).ToList();
        found.Sort((a, b) => a.Number.CompareTo(b.Number));
        return found;
    }

    /// <summary>The raw text after "key:" in this trial's file, or null when the key is absent.</summary>
    public string? RawValue(string renderedKey)
    {
        if (Text is null) return null;
        var prefix = renderedKey + ":";
        int start;
        if (Text.StartsWith(prefix, StringComparison.Ordinal)) start = 0;
        else
        {
            var i = Text.IndexOf("\n" + prefix, StringComparison.Ordinal);
            if (i < 0) return null;
            start = i + 1;
        }
        var from = start + prefix.Length;
        var end = from;
        while (true)
        {
            var nl = Text.IndexOf('\n', end);
            if (nl < 0) return Text[from..];
            if (nl + 1 >= Text.Length || Text[nl + 1] != ' ') return Text[from..nl];
            end = nl + 1;
        }
    }
}
