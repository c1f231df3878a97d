using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hypergrid.Trials.Search;

/// <summary>
/// A section's adaptive-seed rounds: <c>out/log/experiment/&lt;dataset&gt;/seed_decisions.jsonl</c>, appended, never
/// rewritten. A round is one checksummed line (<see cref="DecisionFile.Sealed"/>) appended whole in one O_APPEND write
/// (<see cref="Posix.AppendFile.AppendLines"/>) under the section's lock: its number, the seeds per active group it was
/// decided at, the best, the groups stopped with their verdict, the groups given the next seed, the settings it was
/// made under and who made it. A round counts when its line is whole and every round before it counts; a round
/// written twice (two deciders) counts once, as first written; a line cut short or damaged is not counted, so that
/// round is decided again.
/// </summary>
public static class SeedDecisions
{
    public const string File = "seed_decisions.jsonl";

    /// <summary>The lock file a round is decided under (flock; released when its holder dies).</summary>
    public const string Lock = "seeds.lock";

    // A file people read: "+00:00", not "\u002B00:00", and leaf paths as written.
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A round's line, checksummed and ended, ready to append.</summary>
    public static string Format(SeedRound round, string settings, string by, DateTimeOffset time)
    {
        var stopped = new JsonObject();
        foreach (var (group, verdict) in round.Stopped.OrderBy(kv => kv.Key, StringComparer.Ordinal)) stopped[group] = verdict;
        var o = new JsonObject
        {
            ["round"] = round.Number, ["seeds"] = round.Seeds, ["max"] = round.Max, ["best"] = round.Best, ["stopped"] = stopped,
            ["continue"] = new JsonArray(round.Continue.Select(g => (JsonNode?)JsonValue.Create(g)).ToArray()),
            ["settings"] = settings, ["by"] = by, ["time"] = time.ToString("O", CultureInfo.InvariantCulture),
        };
        return DecisionFile.Sealed(o.ToJsonString(Relaxed)) + "\n";
    }

    /// <summary>The rounds made, in order (1, 2, …, up to the first not made), and what was not counted and why.</summary>
    public static SeedLog Parse(string text)
    {
        var first = new Dictionary<int, (SeedRound Round, string Settings, int Line)>();
        var damage = new List<(int Line, string Text)>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Length == 0) continue;
            var json = DecisionFile.Unsealed(lines[i], out var sealedLine);
            if ((sealedLine && json is not null ? ToRound(json) : null) is not { } parsed)
            {
                damage.Add((i, $"line {i + 1} is not a whole round{(i == lines.Length - 1 ? " (the file ends inside it)" : "")}: not counted, decided again"));
                continue;
            }
            first.TryAdd(parsed.Round.Number, (parsed.Round, parsed.Settings, i));
        }
        var rounds = new List<SeedRound>();
        string? settings = null;
        var lastCounted = -1;
        while (first.TryGetValue(rounds.Count + 1, out var next))
        {
            rounds.Add(next.Round);
            settings = next.Settings;
            lastCounted = Math.Max(lastCounted, next.Line);
        }
        // Damage before a round counted (the cut round decided again) is repaired: it is not said again.
        return new SeedLog(rounds, damage.Where(d => d.Line > lastCounted).Select(d => d.Text).ToList(), settings);
    }

    /// <summary>
    /// The section's rounds (none when it has no file yet). Read as Hypergrid's own file (<see cref="SafeFiles.ReadOwnText"/>):
    /// a link (which could lead out of out/log) or a FIFO (which would block status, report and the page) is not read and
    /// is said as damage.
    /// </summary>
    public static SeedLog Read(string sectionDir)
    {
        var path = Path.Combine(sectionDir, File);
        string? text;
        try { text = SafeFiles.ReadOwnText(path); }
        catch (IOException) { text = null; }
        if (text is not null) return Parse(text);
        var info = new FileInfo(path);
        return info.Exists || info.LinkTarget is not null
            ? SeedLog.Empty with { Damage = ["not a regular file (a link, a FIFO or a device): not read; remove it and the rounds are decided again"] }
            : SeedLog.Empty;
    }

    /// <summary>Appends a round in one write (O_APPEND), on a line of its own after a torn end.</summary>
    public static void Append(string sectionDir, string line) => Posix.AppendFile.AppendLines(Path.Combine(sectionDir, File), line);

    private static (SeedRound Round, string Settings)? ToRound(string json)
    {
        try
        {
            if (JsonNode.Parse(json) is not JsonObject o) return null;
            var stopped = ((JsonObject)o["stopped"]!).ToDictionary(kv => kv.Key, kv => (string)kv.Value!);
            var next = ((JsonArray)o["continue"]!).Select(v => (string)v!).ToList();
            var round = new SeedRound((int)o["round"]!, (int)o["seeds"]!, (string)o["best"]!, stopped, next) { Max = (int?)o["max"] ?? 0 };
            return round.Number < 1 ? null : (round, (string?)o["settings"] ?? "");
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or NullReferenceException or InvalidCastException or ArgumentException) { return null; }
    }
}
