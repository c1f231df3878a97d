using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hypergrid.Trials.Search;

/// <summary>
/// One line of a leaf's decisions file: at a rung (its epoch), a trial's value and rank among those compared, the
/// cut-off value, and what was decided: "promote" (goes on to <see cref="To"/> epochs), "promoted" (promoted by an
/// earlier round, never undone) or "pause". A round is one decision over one set of trials; its id says which.
/// </summary>
public sealed record SearchDecision(string Round, int Rung, int Epoch, int Trial, double? Value, int Rank, int Of, double? Cutoff, string Decision, int To, DateTimeOffset Time)
{
    public const string Promote = "promote", Promoted = "promoted", Pause = "pause";

    /// <summary>The decisions file of a leaf folder under out/log.</summary>
    public const string File = "search_decisions.jsonl";

    /// <summary>The lock file a decision is made under (held by one process at a time, released when it dies).</summary>
    public const string Lock = "search.lock";

    public bool Promotes => Decision is Promote or Promoted;

    // A file people read: "+00:00", not "\u002B00:00".
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public string ToLine()
    {
        var o = new JsonObject
        {
            ["round"] = Round, ["rung"] = Rung, ["epoch"] = Epoch, ["trial"] = Trial, ["value"] = Value, ["rank"] = Rank, ["of"] = Of,
            ["cutoff"] = Cutoff, ["decision"] = Decision, ["to"] = To, ["time"] = Time.ToString("O", CultureInfo.InvariantCulture),
        };
        return o.ToJsonString(Relaxed);
    }

    // The file last read per leaf, with its time and length: status and the page read a leaf's file once per paused
    // trial, and it changes only by appends (a longer file) or a rewrite of an older version (a new time).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, (DateTime Time, long Length, DecisionLog Log)> Read = new();

    /// <summary>Every decision of a leaf's rounds made, in the order first written (see <see cref="DecisionFile"/>).</summary>
    public static IReadOnlyList<SearchDecision> ReadAll(string leafDir) => ReadLog(leafDir).Decisions;

    /// <summary>A leaf's decisions file read whole: its rounds made, their settings, and what was not counted.</summary>
    public static DecisionLog ReadLog(string leafDir)
    {
        var path = Path.Combine(leafDir, File);
        var info = new FileInfo(path);
        if (!info.Exists) return DecisionLog.Empty;
        if (Read.TryGetValue(path, out var seen) && seen.Time == info.LastWriteTimeUtc && seen.Length == info.Length) return seen.Log;
        string text;
        try { text = System.IO.File.ReadAllText(path, Encoding.UTF8); }
        catch (IOException) { return DecisionLog.Empty; }
        var log = DecisionFile.Parse(text);
        Read[path] = (info.LastWriteTimeUtc, Encoding.UTF8.GetByteCount(text), log);
        return log;
    }

    /// <summary>The epochs a trial may train to: the furthest promotion it got, else the first rung's epoch.</summary>
    public static int Budget(IEnumerable<SearchDecision> decisions, int trial, int firstRung) =>
        decisions.Where(d => d.Trial == trial && d.Promotes).Select(d => d.To).DefaultIfEmpty(firstRung).Max();

    /// <summary>The newest decision about a trial (what status says of a paused one), or null.</summary>
    public static SearchDecision? Latest(IEnumerable<SearchDecision> decisions, int trial) => decisions.LastOrDefault(d => d.Trial == trial);
}
