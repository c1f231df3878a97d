using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Hypergrid.Trials.Logs;
using Hypergrid.Trials.Search;

namespace Hypergrid.Config.Search;

/// <summary>
/// Successive halving over a sweep leaf, as a pure decision: every trial trains to the first rung; a rung is decided once
/// every trial admitted to it has reached it (ties broken by trial number), so the same results give the same decisions
/// whatever the number of workers and the order they finished in; the best <see cref="SearchSpec.Keep"/> fraction go on
/// to the next rung. A decision already made is never undone: a larger set (values added to an axis) or a larger keep is
/// a new round, which adds promotions. Asynchronous (ASHA): a rung's top fraction of those that reached it so far.
/// </summary>
public sealed class Halving(SearchSpec spec, int epochs) : ISearchMethod
{
    public const string Name = "halving";

    /// <inheritdoc/>
    public string Settings { get; } = SettingsOf(spec, epochs);

    /// <summary>The settings a round is made under, as its end line records them: what a later change is compared with.</summary>
    public static string SettingsOf(SearchSpec spec, int epochs) => string.Create(CultureInfo.InvariantCulture,
        $"rungs [{string.Join(", ", spec.Rungs)}], keep {spec.Keep:R}, metric {spec.Metric}, goal {spec.Goal}, reduce {spec.Reduce}, async {(spec.Async ? "true" : "false")}, epochs {(epochs == int.MaxValue ? "unbounded" : epochs)}");

    /// <inheritdoc/>
    public SearchStep Decide(LeafSnapshot leaf)
    {
        var fresh = DecideBracket(leaf, leaf.Trials.Select(t => t.Number).Order().ToList(), leaf.Decisions);
        return fresh.Count == 0 ? SearchStep.None : new SearchStep(fresh, []);
    }

    /// <summary>
    /// The decisions due over one bracket: <paramref name="bracket"/> (trial numbers, ascending) all start at the first
    /// rung, and only they are compared at each rung (a tpe round's trials: <see cref="TpeBrackets"/>).
    /// <paramref name="before"/> are the decisions already made (the leaf's, and others of this call).
    /// </summary>
    public List<SearchDecision> DecideBracket(LeafSnapshot leaf, IReadOnlyList<int> bracket, IReadOnlyList<SearchDecision> before)
    {
        var fresh = new List<SearchDecision>();
        var members = bracket.ToHashSet();
        var trials = leaf.Trials.Where(t => members.Contains(t.Number)).ToDictionary(t => t.Number);
        for (var rung = 0; rung < spec.Rungs.Count; rung++)
        {
            var epoch = spec.Rungs[rung];
            var all = before.Concat(fresh).ToList();
            bool PromotedAt(int r, int trial) => all.Any(d => d.Rung == r && d.Trial == trial && d.Promotes);
            var admitted = rung == 0 ? trials.Keys.Order().ToList()
                : all.Where(d => d.Rung == rung - 1 && d.Promotes).Select(d => d.Trial).Distinct().Where(trials.ContainsKey).Order().ToList();
            if (admitted.Count == 0) break;
            var reached = admitted.Where(t => PromotedAt(rung, t) || trials[t].Reached(epoch)).ToList();
            var settled = reached.Count == admitted.Count;
            // Synchronous: a rung is decided only over all its trials, and a later rung only once this one is settled.
            if (!spec.Async && !settled) break;
            var compared = spec.Async ? reached : admitted;
            if (compared.Count == 0) break;
            var to = spec.NextEpoch(rung, epochs);
            var round = Round(rung, epoch, to, compared);
            if (all.Any(d => d.Round == round)) continue;
            var sign = spec.Goal == "max" ? -1 : 1;
            var ranked = compared.Select(t => (Trial: t, Value: ValueAt(trials[t].Log, spec, epoch)))
                .OrderBy(x => x.Value is null ? 1 : 0).ThenBy(x => sign * (x.Value ?? 0)).ThenBy(x => x.Trial).ToList();
            // Asynchronous (ASHA): the top fraction of those that reached the rung so far, none until the fraction is one.
            var kept = spec.Async && !settled ? (int)Math.Floor(spec.Keep * ranked.Count + 1e-9) : spec.Kept(ranked.Count);
            var cutoff = kept > 0 ? ranked[kept - 1].Value : null;
            for (var i = 0; i < ranked.Count; i++)
            {
                var decision = PromotedAt(rung, ranked[i].Trial) ? SearchDecision.Promoted
                    : i < kept && ranked[i].Value is not null ? SearchDecision.Promote : SearchDecision.Pause;
                fresh.Add(new SearchDecision(round, rung, epoch, ranked[i].Trial, ranked[i].Value, i + 1, ranked.Count, cutoff, decision, to, leaf.Now));
            }
        }
        return fresh;
    }

    // One round per rung, keep and set of trials compared: the same question is never decided twice.
    // The rung's epoch and where its promotions go are part of the question: a change of rungs or epochs is a new round.
    private string Round(int rung, int epoch, int to, IReadOnlyList<int> trials)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{rung}|{epoch}|{to}|{spec.Keep:R}|{spec.Metric}|{spec.Goal}|{spec.Reduce}|{string.Join(',', trials)}");
        return $"r{rung}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..12]}";
    }

    /// <summary>
    /// A trial's value at a rung, from its epoch table as report reads it (epochs up to the rung's); null when it has no
    /// row of the metric's phase at or past the rung's epoch (it ended before it: an earlier epoch's value never stands
    /// in), or no finite value there.
    /// </summary>
    public static double? ValueAt(EpochTable? table, SearchSpec spec, int epoch)
    {
        if (table is null) return null;
        var metric = MetricName.Parse(spec.Metric, "search.metric"); // checked when the tree was expanded
        if (!table.RowsOf(metric.Phase).Any(r => table.Epochs[r] >= epoch)) return null;
        var value = table.Value(metric.Phase, metric.Column, spec.Reduce, spec.Goal, epoch);
        return value is { } v && double.IsFinite(v) ? v : null;
    }
}
