namespace Hypergrid.Config.Expansion;

/// <summary>A trial folder already under out/log, with the text of its cfg.yaml (null when missing).</summary>
public sealed record ExistingTrial(int Number, string Directory, string? Text)
{
    /// <summary>Scans a leaf's output folder for trial_### folders.</summary>
    public static List<ExistingTrial> Scan(string leafOut)
    {
        var found = new List<ExistingTrial>();
        if (!System.IO.Directory.Exists(leafOut)) return found;
        foreach (var dir in System.IO.Directory.EnumerateDirectories(leafOut))
        {
            if (!TrialFolder.TryParse(Path.GetFileName(dir), out var n)) continue;
            var cfg = Path.Combine(dir, TrialFolder.ConfigFile);
            found.Add(new ExistingTrial(n, dir, File.Exists(cfg) ? File.ReadAllText(cfg) : null));
        }
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
