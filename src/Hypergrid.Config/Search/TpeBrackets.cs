using System.Globalization;
using Hypergrid.Config.Yaml;
using Hypergrid.Trials.Search;

namespace Hypergrid.Config.Search;

/// <summary>
/// TPE with halving (BOHB-like), as pure rules: each round of proposals (the startup, then each round of <c>batch</c>)
/// is its own bracket, halved over its own trials only, so no decision is ever reopened by a later round; a round has
/// ended when each of its trials is complete or was stopped at a rung by its round's decision; and TPE learns, as BOHB
/// does, from the largest budget (a rung's epoch, or the whole run) at which at least <c>startup</c> trials of ended
/// rounds have a value, each trial's value at that budget.
/// </summary>
public static class TpeBrackets
{
    /// <summary>
    /// Checks that tpe's rounds can be halved (not asynchronously; each round large enough that its last rung is reached
    /// by at least one trial) and returns the halving as written ("rungs [1, 3], keep 0.5"); errors at their cfg/ line.
    /// Mistakes in rungs and keep themselves are the halving parser's (<see cref="SearchSpec.Parse"/>).
    /// </summary>
    public static string? Check(CfgMap map, int trials, int startup, int batch, Func<string, SourceMark> at, List<ConfigError> errors)
    {
        if ((map["async"] as CfgScalar)?.Boolean == true) errors.Add(Errors.TpeAsyncHalving(at("async")));
        var rungs = (map["rungs"] as CfgList)?.Items.Select(i => (i as CfgScalar)?.Integer).ToList() ?? [];
        if (rungs.Count == 0 || rungs.Any(r => r is null)) return null;
        var keep = (map["keep"] as CfgScalar)?.Number is { } k && k is > 0 and < 1 ? k : 1.0 / 3;
        if (trials > 0 && SmallestRound(trials, startup, batch) is var (size, key) && size * Math.Pow(keep, rungs.Count) < 1 - 1e-9)
        {
            var need = (int)Math.Ceiling(1 / Math.Pow(keep, rungs.Count) - 1e-9);
            var fix = key == "trials" ? $"set trials so that every round has at least {need} trials" : $"raise {key} to at least {need}";
            errors.Add(Errors.TpeRoundTooSmall(at(key), key, size, rungs.Count, keep, fix));
        }
        var written = (map["keep"] as CfgScalar)?.Number;
        return string.Create(CultureInfo.InvariantCulture, $"rungs [{string.Join(", ", rungs)}], keep {(written ?? keep):R}");
    }

    // The smallest round the search makes, and the key that sets its size: the startup, a round of batch, or the last one.
    private static (int Size, string Key) SmallestRound(int trials, int startup, int batch)
    {
        var rounds = new List<(int Size, string Key)> { (Math.Min(trials, startup), trials <= startup ? "trials" : "startup") };
        var rest = trials - startup;
        if (rest > 0) rounds.Add((Math.Min(batch, rest), rest < batch ? "trials" : "batch"));
        if (rest > batch && rest % batch != 0) rounds.Add((rest % batch, "trials"));
        return rounds.MinBy(r => r.Size);
    }

    /// <summary>
    /// Whether a trial's part in its round is over: complete (a diverged result included), or stopped at a rung by its
    /// round's decision (paused there, and never promoted past it).
    /// </summary>
    public static bool Ended(TrialSnapshot trial, IReadOnlyList<SearchDecision> decisions, int firstRung)
    {
        if (trial.Complete) return true;
        var budget = SearchDecision.Budget(decisions, trial.Number, firstRung);
        foreach (var d in decisions)
            if (d.Trial == trial.Number && d.Decision == SearchDecision.Pause && d.Epoch >= budget) return true;
        return false;
    }

    /// <summary>
    /// What TPE learns from the ended rounds' <paramref name="trials"/> (in proposal order): the budget chosen (a rung's
    /// epoch, or <paramref name="epochs"/> for the whole run) and each trial's loss there (a maximised metric negated).
    /// The budget is the largest at which at least <c>startup</c> trials have a value (the number TPE's model needs);
    /// when none has, the first rung's (the most values). A rung's value is the one its round's decision ranked (the
    /// metric at the rung's epoch, reduced over the epochs up to it); the whole run's is <see cref="TpeMethod.ValueOf"/>
    /// of a complete trial. A trial that did not reach the budget, or has no finite value there, is left out.
    /// </summary>
    public static (int Epoch, List<Observation> History) Observations(IReadOnlyList<TrialSnapshot> trials, IReadOnlyList<SearchDecision> decisions,
        ProposalSpec spec, SearchSpec halving, int epochs, Func<TrialSnapshot, double[]?> x)
    {
        var sign = spec.Goal == "max" ? -1 : 1;
        // Each trial's value at each rung, as its round's decision ranked it (the first decision of the rung's epoch).
        var ranked = new Dictionary<(int Trial, int Rung), double?>();
        foreach (var d in decisions)
            if (d.Rung < halving.Rungs.Count && d.Epoch == halving.Rungs[d.Rung]) ranked.TryAdd((d.Trial, d.Rung), d.Value);
        List<Observation> At(int rung)
        {
            var found = new List<Observation>();
            foreach (var t in trials)
            {
                var value = rung == halving.Rungs.Count
                    ? t.Complete ? TpeMethod.ValueOf(t.Log, spec) : null
                    : ranked.GetValueOrDefault((t.Number, rung));
                if (value is { } v && double.IsFinite(v) && x(t) is { } point) found.Add(new Observation(point, sign * v));
            }
            return found;
        }
        for (var rung = halving.Rungs.Count; rung > 0; rung--)
            if (At(rung) is { } found && found.Count >= spec.Startup)
                return (rung == halving.Rungs.Count ? epochs : halving.Rungs[rung], found);
        return (halving.Rungs[0], At(0));
    }
}
