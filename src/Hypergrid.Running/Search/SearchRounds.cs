using Hypergrid.Config;
using Hypergrid.Config.Expansion;
using Hypergrid.Config.Search;

namespace Hypergrid.Running.Search;

/// <summary>
/// The run's side of methods that propose from results (tpe): proposes the rounds due in every selected leaf whose
/// method does (<see cref="SearchMethods.Proposing"/>, <see cref="ProposalRounds"/>) and says so.
/// </summary>
public static class SearchRounds
{
    /// <summary>Proposes every round due (and decides tpe rounds' rungs); returns how many trials were proposed and decisions made (0: nothing due, or no tpe leaf).</summary>
    public static int ProposeDue(RunOptions options, IRunDisplay display)
    {
        var expand = options.Expand with { DryRun = true, Schema = Trainers.TrainerBackends.Schema };
        var plans = Expander.PlanAll(expand.CfgDir, expand.Filters ?? Filters.All, expand.MaxTrials).Where(p => SearchMethods.Proposing(p) is not null).ToList();
        var added = 0;
        foreach (var plan in plans)
        {
            var leaf = plan.Leaf;
            var one = expand with { Filters = new Filters([leaf.Mode], [leaf.Dataset], [leaf.Model], [leaf.Trainer]) };
            var dir = Path.Combine(expand.LogDir, leaf.RelativePath);
            var (n, decided) = ProposalRounds.Extend(dir, () => Expander.Expand(one).Single(l => l.Plan.Leaf.RelativePath == leaf.RelativePath), Trainers.TrainerBackends.Schema, display.Line);
            if (n > 0) display.Line($"{leaf.RelativePath}: {plan.Search!.Spec.Method.ToString().ToLowerInvariant()} proposed {n} trial(s) from the results of the rounds before (search_proposals.jsonl)");
            added += n + decided;
        }
        return added;
    }
}
