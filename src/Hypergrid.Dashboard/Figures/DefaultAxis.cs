namespace Hypergrid.Dashboard.Figures;

/// <summary>
/// The x axis a selection opens on when none is asked, the page's rule (dashboard/app.js axisJudgement, with the same
/// constants, held equal by a test): a short study (three epochs or fewer by its logs and, for a trial not yet
/// complete, its config's planned epochs) by step, since two or three points by epoch show no shape; a longer one, or
/// more trials than the page draws one line each, by epoch. `hypergrid plot` without --x draws what the page opens on.
/// </summary>
public static class DefaultAxis
{
    /// <summary>The most epochs a study may have and still open by step (the page's SHORT_EPOCHS).</summary>
    public const int ShortEpochs = 3;

    /// <summary>The most trials the page draws a line each for before it opens by epoch (the page's MANY_LINES).</summary>
    public const int ManyLines = 200;

    /// <summary>
    /// The axis for trials given as (the highest epoch of their log, 0 if none; the epochs their config plans, or null;
    /// complete; unfinished: running, pending or paused): "step", "epoch", or null while it cannot be told (no trial, no
    /// row, or an unfinished trial with no plan whose log has not passed three epochs).
    /// </summary>
    public static string? Judge(IReadOnlyList<(long Last, long? Plan, bool Complete, bool Unfinished)> trials)
    {
        if (trials.Count == 0) return null;
        if (trials.Count > ManyLines) return "epoch";
        long last = 0;
        var known = true;
        foreach (var t in trials)
        {
            last = Math.Max(last, t.Last);
            // A complete trial's log is the truth whatever its config said; another's plan says how long it will be.
            if (!t.Complete && t.Plan is { } plan) last = Math.Max(last, plan);
            if (t.Plan is null && t.Unfinished) known = false;
        }
        if (last > ShortEpochs) return "epoch";
        return known && last > 0 ? "step" : null;
    }

    /// <summary>
    /// The axis `hypergrid plot` draws when --x is not given: <see cref="Judge"/> over the trials' epoch logs, states and
    /// configs; "epoch" where the rule cannot tell (as the figure did before the page had a rule).
    /// </summary>
    public static async Task<string> ForAsync(IReadOnlyList<FigureTrial> trials, EpochLogStore epochs, CancellationToken cancel = default)
    {
        if (trials.Count > ManyLines) return "epoch"; // 10,000 trials' logs are not read to choose an axis
        var facts = new List<(long, long?, bool, bool)>(trials.Count);
        foreach (var t in trials)
        {
            var got = await epochs.GetAsync(t.Directory, cancel);
            var last = got is { } g && g.Table.Epochs.Count > 0 ? g.Table.Epochs.Max() : 0;
            long? plan = t.Config?["epochs"] is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<long>(out var p) ? p : null;
            facts.Add((last, plan, t.State == Hypergrid.Trials.TrialState.Complete,
                t.State is Hypergrid.Trials.TrialState.Running or Hypergrid.Trials.TrialState.Pending or Hypergrid.Trials.TrialState.Paused));
        }
        return Judge(facts) ?? "epoch";
    }
}
