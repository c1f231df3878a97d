using System.Text;
using System.Text.Json.Nodes;

namespace Hypergrid.Trials.Search;

/// <summary>
/// A search leaf's ledger of proposals made from results (TPE's rounds after its startup):
/// <c>out/log/&lt;leaf&gt;/search_proposals.jsonl</c>, appended, never rewritten. Each round is one record written with one
/// O_APPEND write: a line per proposal (<c>round</c>, <c>search</c>: the fingerprint of the space and settings it was
/// made under, <c>grid</c>: the grid point's axis values, <c>index</c>: its place in the point's sequence, <c>x</c>: its
/// internal values, exact) and an end line counting them, each line checksummed as in the decisions file
/// (<see cref="DecisionFile"/>). A round counts only when whole and counts once, as first written (two deciders that
/// wrote the same round wrote the same proposals); a cut or corrupted record is not counted, and is proposed again.
/// </summary>
public static class ProposalLedger
{
    public const string File = "search_proposals.jsonl";

    /// <summary>The record of one round, ready to append.</summary>
    public static string Format(string round, IReadOnlyList<LedgerProposal> proposals, string by)
    {
        var text = new StringBuilder();
        foreach (var p in proposals)
        {
            var x = new JsonArray(p.X.Select(v => (JsonNode?)JsonValue.Create(double.IsNaN(v) ? (double?)null : v)).ToArray());
            var line = new JsonObject { ["round"] = round, ["search"] = p.Search, ["grid"] = p.Grid, ["index"] = p.Index, ["x"] = x };
            text.Append(DecisionFile.Sealed(line.ToJsonString())).Append('\n');
        }
        text.Append(DecisionFile.Sealed(new JsonObject { ["round"] = round, ["end"] = proposals.Count, ["by"] = by }.ToJsonString())).Append('\n');
        return text.ToString();
    }

    /// <summary>The proposals of the rounds made, in the order first written; lines not whole and rounds cut short are left out.</summary>
    public static IReadOnlyList<LedgerProposal> Parse(string text)
    {
        var made = new HashSet<string>();
        var result = new List<LedgerProposal>();
        var run = new List<(string Round, LedgerProposal P)>();
        foreach (var raw in text.Split('\n'))
        {
            if (raw.Length == 0) continue;
            var json = DecisionFile.Unsealed(raw, out var sealedLine);
            JsonObject? o = null;
            try { o = sealedLine && json is not null ? JsonNode.Parse(json) as JsonObject : null; }
            catch (System.Text.Json.JsonException) { }
            if (o is null)
            {
                run.Clear();
                continue;
            }
            var round = (string?)o["round"] ?? "";
            if (o["end"] is not null)
            {
                var count = (int?)o["end"] ?? -1;
                var lines = count > 0 && run.Count >= count ? run[^count..] : null;
                run.Clear();
                if (lines is null || lines.Any(l => l.Round != round) || !made.Add(round)) continue;
                result.AddRange(lines.Select(l => l.P));
                continue;
            }
            if (ToProposal(o) is { } p) run.Add((round, p));
            else run.Clear();
        }
        return result;
    }

    /// <summary>The leaf's ledger (empty when there is none).</summary>
    public static IReadOnlyList<LedgerProposal> Read(string leafDir)
    {
        var path = Path.Combine(leafDir, File);
        try { return Parse(System.IO.File.ReadAllText(path, Encoding.UTF8)); }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException) { return []; }
    }

    /// <summary>Appends a round in one write (O_APPEND): no writer can erase another's rounds.</summary>
    public static void Append(string leafDir, string record)
    {
        var path = Path.Combine(leafDir, File);
        Posix.AppendFile.AppendLines(path, record);
    }

    private static LedgerProposal? ToProposal(JsonObject o)
    {
        try
        {
            var x = ((JsonArray)o["x"]!).Select(v => v is null ? double.NaN : (double)v).ToArray();
            return new LedgerProposal((string)o["search"]!, (string)o["grid"]!, (int)o["index"]!, x);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or NullReferenceException or InvalidCastException) { return null; }
    }
}
