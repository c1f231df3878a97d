using System.Globalization;
using Hypergrid.Config;
using Hypergrid.Config.Expansion;
using Hypergrid.Config.Search;
using Hypergrid.Config.Tree;
using Hypergrid.Config.Yaml;
using Hypergrid.Trials;
using Hypergrid.Trials.Logs;
using Hypergrid.Trials.Search;

namespace Hypergrid.Bench;

/// <summary>
/// TPE with halving (each round its own bracket, BOHB-like) against TPE alone at equal total epochs, on Branin with
/// epochs: a trial's val_loss at epoch e converges to Branin at the last epoch (9) from above, by a term of its own that
/// shrinks linearly to zero: "relative", up to twice the trial's Branin (early epochs rank trials as the end does, up to
/// a factor); "additive", up to 40 whatever its Branin (near the optimum, early epochs rank trials by that term). Both run in-process through the product's pure
/// decisions (<see cref="TpeMethod"/> over snapshots, as a run makes them), every epoch counted; the figure is the best
/// value of a complete trial once a budget of epochs is spent, minus the optimum, over HYPERGRID_BENCH_BOHB_SEEDS search
/// seeds (default 20).
/// </summary>
public static class BohbBench
{
    private const int Epochs = 9;
    private static readonly int[] Budgets = [90, 180, 360, 720];
    private static readonly SearchSpec Rungs = new("val_loss", "min", "final", [1, 3], 1.0 / 3, false) { InRounds = true };

    public static void Run()
    {
        var seeds = int.TryParse(Environment.GetEnvironmentVariable("HYPERGRID_BENCH_BOHB_SEEDS"), out var n) && n > 1 ? n : 20;
        Console.WriteLine($"bohb: CPU {TrainBench.CpuLine()}; load average {TrainBench.LoadAverage()}; Branin with {Epochs} epochs, best complete value minus the optimum after N epochs, median [25%, 75%] over {seeds} search seeds");
        var errors = new List<ConfigError>();
        var map = YamlLoader.LoadMapping(SearchObjectives.All[0].Space, "cfg.yaml", errors)!;
        var space = SpaceParser.Parse(map.Entries.Select(e => new MergedEntry(e.Key, e.Value, "cfg.yaml", e.KeyMark)).ToList(), Modes.Sweep, "tpe", default, errors)!;
        foreach (var (curve, loss) in Curves)
        {
            var rows = new List<(string Name, List<double[]> Runs)>
            {
                ("tpe (startup 9, batch 3)", Enumerable.Range(0, seeds).Select(s => Search(space, new ProposalSpec(ProposalMethod.Tpe, Budgets[^1] / Epochs, s, 3, 9, "val_loss", "min", "final"), loss, false)).ToList()),
                ("tpe + rungs [1, 3], keep 1/3 (rounds of 9)", Enumerable.Range(0, seeds).Select(s => Search(space, new ProposalSpec(ProposalMethod.Tpe, 400, s, 9, 9, "val_loss", "min", "final") { Bracket = "rungs [1, 3]" }, loss, true)).ToList()),
            };
            Console.WriteLine($"  {curve}:");
            Console.WriteLine("    " + "method".PadRight(44) + string.Concat(Budgets.Select(b => $"N={b}".PadRight(26))));
            foreach (var (name, runs) in rows)
                Console.WriteLine("    " + name.PadRight(44) + string.Concat(Budgets.Select((_, i) => Cell(runs.Select(r => r[i]).ToList()).PadRight(26))));
            Console.WriteLine("    halving vs alone: " + string.Join("; ", Budgets.Select((b, i) =>
            {
                var (closer, p) = SearchStats.RankSum(rows[1].Runs.Select(r => r[i]).ToList(), rows[0].Runs.Select(r => r[i]).ToList());
                return string.Create(CultureInfo.InvariantCulture, $"N={b}: closer {closer:0.00}, p {p:0.###}");
            })));
        }
        Console.WriteLine("  (N: epochs spent in all; closer: the share of pairs of runs in which halving's best is closer to the optimum, 0.50 is level; p: two-sided Mann-Whitney)");
    }

    private static string Cell(List<double> gaps)
    {
        var sorted = gaps.Order().ToList();
        return string.Create(CultureInfo.InvariantCulture, $"{SearchStats.Quantile(sorted, 0.5):0.###} [{SearchStats.Quantile(sorted, 0.25):0.###}, {SearchStats.Quantile(sorted, 0.75):0.###}]");
    }

    // A trial's own share of its early epochs' excess, between 0 and 1, and how much of it is left at an epoch.
    private static double Own(double[] x) => (1 + Math.Sin(3 * x[0] + 2 * x[1])) / 2;

    private static double Left(int epoch) => (Epochs - epoch) / (double)(Epochs - 1);

    private static readonly (string Name, Func<double[], int, double> Loss)[] Curves =
    [
        ("relative: val_loss(e) = Branin x (1 + 2 own(x) (9 - e) / 8)", (x, e) => SearchObjectives.Branin(x[0], x[1]) * (1 + 2 * Own(x) * Left(e))),
        ("additive: val_loss(e) = Branin + 40 own(x) (9 - e) / 8", (x, e) => SearchObjectives.Branin(x[0], x[1]) + 40 * Own(x) * Left(e)),
    ];

    // One search as a run makes it; returns the best complete value minus the optimum at each budget.
    private static double[] Search(SearchSpace space, ProposalSpec spec, Func<double[], int, double> loss, bool halved)
    {
        var plan = new SearchPlan(space, spec, Proposer.FromSeed(space, spec));
        var method = halved ? new TpeMethod(plan, ["g"], Rungs, Epochs) : new TpeMethod(plan, ["g"]);
        var trained = new List<int>();
        var trials = new List<TrialSnapshot>();
        var decisions = new List<SearchDecision>();
        var ledger = new List<LedgerProposal>();
        var spent = 0;
        var best = double.PositiveInfinity;
        var result = Enumerable.Repeat(double.NaN, Budgets.Length).ToArray();
        void Train(int number, double[] x, int index, int to)
        {
            var from = number < trained.Count ? trained[number] : 0;
            for (var e = from + 1; e <= to; e++)
            {
                spent++;
                if (e == Epochs) best = Math.Min(best, loss(x, e));
                for (var b = 0; b < Budgets.Length; b++) if (spent == Budgets[b]) result[b] = best - SearchObjectives.All[0].Optimum;
            }
            if (number < trained.Count) trained[number] = to; else trained.Add(to);
            var snapshot = Snapshot(space, number, index, x, to, loss);
            if (number < trials.Count) trials[number] = snapshot; else trials.Add(snapshot);
        }
        var first = halved ? Rungs.Rungs[0] : Epochs;
        for (var k = 0; k < plan.Proposals.Count; k++) Train(k, plan.Proposals[k], k, first);
        while (spent < Budgets[^1])
        {
            var step = method.Decide(new LeafSnapshot(trials.ToList(), decisions.ToList(), DateTimeOffset.UnixEpoch) { Ledger = ledger.ToList() });
            if (step.IsEmpty) break;
            decisions.AddRange(step.Decisions);
            foreach (var d in step.Decisions.Where(d => d.Decision == SearchDecision.Promote))
                Train(d.Trial, trials[d.Trial].Point!.X, trials[d.Trial].Point!.Index, d.To);
            foreach (var p in step.Proposals.SelectMany(r => r.Proposals))
            {
                ledger.Add(p);
                Train(trials.Count, p.X, p.Index, first);
            }
        }
        for (var b = 0; b < Budgets.Length; b++) if (double.IsNaN(result[b])) result[b] = best - SearchObjectives.All[0].Optimum;
        return result;
    }

    // A trial trained to `reached` epochs: complete at the last, else paused there; one val row per epoch.
    private static TrialSnapshot Snapshot(SearchSpace space, int number, int index, double[] x, int reached, Func<double[], int, double> loss)
    {
        var log = new EpochTable(["loss", EpochTable.BatchesColumn], Enumerable.Range(1, reached).Select(e => (long)e).ToList(),
            Enumerable.Repeat("val", reached).ToList(), Enumerable.Range(1, reached).Select(e => new[] { loss(x, e), 1.0 }).ToList());
        var complete = reached >= Epochs;
        return new TrialSnapshot(number, complete, complete ? RunStatus.Complete : RunStatus.Paused, complete ? null : reached, null, log,
            new TrialConfig(space.Apply(space.Top.Select(p => p.Entry).ToList(), x))) { Point = new SearchPoint(0, index, x) };
    }
}
