namespace Hypergrid.Trials.Code;

/// <summary>
/// Tells a complete program result trained by other code than the study holds now: its recorded files (or its globs'
/// matches today) hash differently. One judge serves one scan (a status, a run's plan, a report, a page refresh): the
/// files of many trials are hashed once (see <see cref="FileHashes"/>) and each glob set is walked once.
/// </summary>
/// <param name="root">The study folder now (null: the one each result recorded).</param>
/// <param name="skip">Folders a glob never enters: the out/ folder and cfg/.</param>
public sealed class CodeJudge(string? root, IReadOnlyList<string> skip)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, SortedDictionary<string, string>> hashed = new(StringComparer.Ordinal); // a report judges on every core

    /// <summary>A judge for readers of out/log alone (report, page): the study folder each result recorded; out/ is the log root's parent.</summary>
    public static CodeJudge ForLog(string logRoot) => new(null, [Path.GetDirectoryName(Path.GetFullPath(logRoot).TrimEnd('/'))!]);

    /// <summary>The record as it stands: a complete result whose code changed since it ran becomes <see cref="TrialState.OtherCode"/>.</summary>
    public TrialRecord Judge(TrialRecord record)
    {
        // A diverged result too: fixing the code that made it NaN is what --retrain-other-code is for.
        if (record.State is not (TrialState.Complete or TrialState.Diverged) || record.Run?.Code is not { Sha256: { } ran } code) return record;
        if (Now(code) is not { } now || CodeIdentity.Combine(now) == ran) return record;
        return record with { State = TrialState.OtherCode, Note = $"trained by other code: {Changes(code.Files, now)} since it ran (--retrain-other-code retrains it)" };
    }

    /// <summary>The hashes of the result's code files as they are now (null: the study folder is not here, so unknown).</summary>
    public SortedDictionary<string, string>? Now(CodeRecord code)
    {
        var at = root is null ? code.Root : Path.GetFullPath(root).TrimEnd('/');
        if (at.Length == 0 || !Directory.Exists(at)) return null;
        // Many trials share their code: their files are looked at once per judge.
        if (code.Globs is { Count: > 0 } globs)
            return hashed.GetOrAdd(at + "\0*" + string.Join('\0', globs), _ => CodeIdentity.Hash(at, CodeGlob.Files(at, globs, skip.Append(Path.Combine(at, "cfg")).ToList())));
        return hashed.GetOrAdd(at + "\0" + string.Join('\0', code.Files.Keys), _ => CodeIdentity.Hash(at, code.Files.Keys));
    }

    /// <summary>"train.py changed", "model.py is gone, util.py is new".</summary>
    public static string Changes(IReadOnlyDictionary<string, string> then, IReadOnlyDictionary<string, string> now)
    {
        var said = new List<string>();
        foreach (var (path, sha) in then)
            said.Add(!now.TryGetValue(path, out var n) || n == CodeIdentity.Missing ? $"{path} is gone" : n != sha ? $"{path} changed" : "");
        said.AddRange(now.Keys.Where(p => !then.ContainsKey(p)).Select(p => $"{p} is new"));
        var changes = said.Where(s => s.Length > 0).ToList();
        return changes.Count == 0 ? "its code files changed" : changes.Count <= 3 ? string.Join(", ", changes) : $"{string.Join(", ", changes.Take(3))} and {changes.Count - 3} more";
    }
}
