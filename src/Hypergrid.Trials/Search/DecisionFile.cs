using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hypergrid.Trials.Search;

/// <summary>
/// The decisions file's format, made to be written without a lock: each round is appended as one record (one write(2)
/// with O_APPEND) of its decision lines and an end line that names the round, counts its lines and says the settings
/// it was made under; every line ends with a checksum of itself. A round is made when its end line and the lines it
/// counts, directly before it, are whole; a round written again (two deciders at once) counts once, as first written.
/// A round cut short (a writer killed, a file truncated) is not made, and is decided again. Lines of an older version
/// (no checksum, no end lines: that version replaced the file whole) are read as made.
/// </summary>
public static class DecisionFile
{
    private const string SumKey = ",\"sum\":\"";
    private const int SumLength = 16;

    /// <summary>The record of rounds to append: each round's lines and its end line, in order, each line checksummed.</summary>
    public static string Format(IEnumerable<IGrouping<string, SearchDecision>> rounds, string settings, string by)
    {
        var text = new StringBuilder();
        foreach (var round in rounds)
        {
            foreach (var d in round) text.Append(Sealed(d.ToLine())).Append('\n');
            var end = new JsonObject { ["round"] = round.Key, ["end"] = round.Count(), ["settings"] = settings, ["by"] = by };
            text.Append(Sealed(end.ToJsonString())).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>A JSON object's line with its checksum as the last member.</summary>
    public static string Sealed(string json) => json[..^1] + SumKey + Sum(json) + "\"}";

    private static string Sum(string json) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)))[..SumLength];

    // The line without its checksum when the checksum is right; null when it is wrong; the line itself when it has none.
    internal static string? Unsealed(string line, out bool sealedLine)
    {
        var at = line.LastIndexOf(SumKey, StringComparison.Ordinal);
        sealedLine = at >= 0 && line.Length == at + SumKey.Length + SumLength + 2 && line.EndsWith("\"}", StringComparison.Ordinal);
        if (!sealedLine) return line;
        var json = line[..at] + "}";
        return Sum(json) == line.Substring(at + SumKey.Length, SumLength) ? json : null;
    }

    /// <summary>
    /// Reads a decisions file's text: the rounds made, in the order first written, and what is not counted and not yet
    /// repaired (a cut round made again later, or a stray line followed by rounds made since, is not said again).
    /// </summary>
    public static DecisionLog Parse(string text)
    {
        var decisions = new List<SearchDecision>();
        var settings = new Dictionary<string, string>();
        var madeBy = new Dictionary<string, string>();
        var damage = new List<(string Text, string? Round, int MadeBefore)>();
        var run = new List<SearchDecision>();   // whole checksummed decision lines since the last end line
        string? latest = null;
        var number = 0;
        var all = text.Split('\n');
        foreach (var raw in all)
        {
            number++;
            if (raw.Length == 0) continue;
            var json = Unsealed(raw, out var sealedLine);
            JsonObject? o = null;
            try { o = json is null ? null : JsonNode.Parse(json) as JsonObject; }
            catch (JsonException) { }
            if (o is null)
            {
                damage.Add(($"line {number} is not whole{(number == all.Length ? " (the file ends inside it)" : "")}", null, madeBy.Count));
                run.Clear();
                continue;
            }
            if (o["end"] is not null)
            {
                var round = (string?)o["round"] ?? "";
                var count = (int?)o["end"] ?? -1;
                var lines = run.Count >= count && count > 0 ? run[^count..] : null;
                run.Clear();
                if (madeBy.ContainsKey(round)) continue;    // made already: a second decider wrote it too
                if (lines is null || lines.Any(d => d.Round != round))
                {
                    damage.Add(($"round {round} (line {number}) is not whole: not counted, decided again", round, madeBy.Count));
                    continue;
                }
                decisions.AddRange(lines);
                settings[round] = latest = (string?)o["settings"] ?? "";
                madeBy[round] = (string?)o["by"] ?? "";
                continue;
            }
            if (ToDecision(o) is not { } decision)
            {
                damage.Add(($"line {number} is not a decision", null, madeBy.Count));
                run.Clear();
                continue;
            }
            if (sealedLine) run.Add(decision);
            else decisions.Add(decision); // an older version's line: it replaced the file whole
        }
        if (run.Count > 0) damage.Add(($"round {run[0].Round} has {run.Count} line(s) but no end (a write cut short): not counted, decided again", run[0].Round, madeBy.Count));
        // Damage repaired since (its round made later, or rounds made after a stray line) is not said again.
        var open = damage.Where(d => d.Round is { } r ? !madeBy.ContainsKey(r) : d.MadeBefore == madeBy.Count).Select(d => d.Text).ToList();
        return new DecisionLog(decisions, settings, open) { MadeBy = madeBy, LatestSettings = latest };
    }

    private static SearchDecision? ToDecision(JsonObject o)
    {
        try
        {
            return new SearchDecision((string)o["round"]!, (int)o["rung"]!, (int)o["epoch"]!, (int)o["trial"]!, (double?)o["value"], (int)o["rank"]!,
                (int)o["of"]!, (double?)o["cutoff"], (string)o["decision"]!, (int)o["to"]!, DateTimeOffset.Parse((string)o["time"]!, CultureInfo.InvariantCulture));
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or NullReferenceException or ArgumentException) { return null; }
    }
}
