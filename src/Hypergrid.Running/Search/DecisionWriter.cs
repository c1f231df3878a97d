using System.Text;
using Hypergrid.Trials.Posix;
using Hypergrid.Trials.Search;

namespace Hypergrid.Running.Search;

/// <summary>
/// Appends a decider's rounds to its leaf's decisions file (the write edge of a decision): one record, one write(2) with
/// O_APPEND at the end of the file as it is then, so that no decider can erase another's rounds (see
/// <see cref="DecisionFile"/>); a round another decider wrote first is counted as theirs.
/// </summary>
public static class DecisionWriter
{
    /// <summary>Appends the rounds; returns the decisions of those this call made (first wrote).</summary>
    public static IReadOnlyList<SearchDecision> Append(string leafDir, IReadOnlyList<SearchDecision> fresh, string settings)
    {
        if (fresh.Count == 0) return fresh;
        var by = $"{Environment.MachineName} {Environment.ProcessId} {Guid.NewGuid():N}";
        var path = Path.Combine(leafDir, SearchDecision.File);
        var record = DecisionFile.Format(fresh.GroupBy(d => d.Round), settings, by);
        AppendFile.AppendLines(path, record);
        // A round another decider wrote first is its, and said by it: this one says only those it made.
        var made = SearchDecision.ReadLog(leafDir).MadeBy;
        return fresh.Where(d => made.GetValueOrDefault(d.Round) == by).ToList();
    }
}
