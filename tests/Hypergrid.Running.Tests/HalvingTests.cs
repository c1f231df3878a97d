using System.Text.Json.Nodes;
using Hypergrid.Tests;
using Hypergrid.Trials;
using Hypergrid.Trials.Search;

namespace Hypergrid.Running.Tests;

/// <summary>
/// Successive halving through the real CLI and workers (built-in trainers on one thread, for exact logs): what trains,
/// what pauses, decisions that do not depend on the workers, promotions of paused trials that continue exactly.
/// </summary>
public class HalvingTests
{
    private const string Leaf = "sweep/synthetic/mlp/adam";
    private const string Root = "seed: 0\nepochs: 6\nhidden: [8]\nn_train: 256\n";
    private const string Grid = "lr: [0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0]\n";
    private const string Search = "search: {method: halving, metric: val_acc, rungs: [1, 3], keep: KEEP}\n";

    private static Study Halving(string keep = "0.34", string grid = Grid) => new Study().Write("", Root).Write(Leaf, grid + Search.Replace("KEEP", keep));

    private static void Train(Study study, params string[] extra)
    {
        var (code, output) = study.Run(["sweep", "--threads", "1", .. extra]);
        Assert.True(code == 0, output);
    }

    private static TrialRecord Record(Study study, int n) =>
        TrialRecord.Read(study.Trial(Leaf, n), TrialId.FromDirectory(study.Trial(Leaf, n)), (string?)null);

    // The epochs a trial's log holds (complete or partial).
    private static int EpochsTrained(Study study, int n)
    {
        var dir = study.Trial(Leaf, n);
        var log = File.Exists(Path.Combine(dir, TrialFiles.BatchLog)) ? Path.Combine(dir, TrialFiles.BatchLog) : Attempt.LivePartialLog(dir);
        return log is null ? 0 : File.ReadLines(log).Skip(1).Select(l => int.Parse(l.Split(',')[0])).DefaultIfEmpty(0).Max();
    }

    private static string[] Log(Study study, int n)
    {
        var dir = study.Trial(Leaf, n);
        return BatchLogs.WithoutTime(File.Exists(Path.Combine(dir, TrialFiles.BatchLog)) ? Path.Combine(dir, TrialFiles.BatchLog) : Attempt.LivePartialLog(dir)!);
    }

    // Decisions without their time: what must be equal between two runs.
    private static List<string> Decisions(Study study) =>
        SearchDecision.ReadAll(Path.Combine(study.Log, Leaf)).Select(d => (d with { Time = default }).ToLine()).ToList();

    [Fact]
    public void The_kept_fraction_goes_on_and_the_rest_pause_with_their_checkpoints()
    {
        using var study = Halving();
        Train(study);
        var states = Enumerable.Range(0, 9).Select(n => Record(study, n)).ToList();
        Assert.Equal(1, states.Count(s => s.State == TrialState.Complete));
        Assert.Equal(8, states.Count(s => s.State == TrialState.Paused));
        Assert.All(states.Where(s => s.State == TrialState.Paused), s => Assert.NotNull(Attempt.LiveCheckpoint(s.Directory)));
        // 9 trials to epoch 1, 3 of them to epoch 3, 1 to epoch 6: 18 epochs of the full grid's 54.
        Assert.Equal(18, Enumerable.Range(0, 9).Sum(n => EpochsTrained(study, n)));
        Assert.Equal([1, 1, 1, 1, 1, 1, 3, 3, 6], Enumerable.Range(0, 9).Select(n => EpochsTrained(study, n)).Order());

        var decisions = SearchDecision.ReadAll(Path.Combine(study.Log, Leaf));
        Assert.Equal(9, decisions.Count(d => d.Rung == 0));
        Assert.Equal(3, decisions.Count(d => d.Rung == 0 && d.Decision == SearchDecision.Promote));
        Assert.Equal(3, decisions.Count(d => d.Rung == 1));
        Assert.Equal(1, decisions.Count(d => d.Rung == 1 && d.Decision == SearchDecision.Promote));
        // Ranked by value (max), ties by trial number; the cut-off is the last kept value.
        var rung0 = decisions.Where(d => d.Rung == 0).OrderBy(d => d.Rank).ToList();
        Assert.True(rung0.Zip(rung0.Skip(1)).All(p => p.First.Value > p.Second.Value || p.First.Value == p.Second.Value && p.First.Trial < p.Second.Trial));
        Assert.All(rung0, d => Assert.Equal(rung0[2].Value, d.Cutoff));

        var status = study.Run("status", "--trials").Output;
        Assert.Matches(@"paused\s+sweep/synthetic/mlp/adam/trial_\d+ .*paused at epoch 1 of 6; rank \d of 9 at epoch 1 \(value [\d.]+, cut-off [\d.]+\)", status);
        Assert.Contains("paused at epoch 3 of 6; rank", status);
        Assert.Contains("8 paused", study.Run("report").Output);
        var csv = study.Run("report", "--format", "csv").Output.Trim().Split('\n');
        Assert.Equal(2, csv.Length);                                      // the one complete trial
        var all = study.Run("report", "--format", "csv", "--include-paused").Output.Trim().Split('\n');
        Assert.Equal(10, all.Length);                                     // and the eight paused ones, at the epochs they trained
        Assert.Contains("nothing to train", study.Run("sweep", "--threads", "1").Output);
    }

    [Fact]
    public void The_same_tree_gives_the_same_decisions_and_logs_whatever_the_number_of_workers()
    {
        using var one = Halving();
        using var two = Halving();
        Train(one, "--workers", "1");
        Train(two, "--workers", "2");
        Assert.Equal(Decisions(one), Decisions(two));
        for (var n = 0; n < 9; n++) Assert.Equal(Log(one, n), Log(two, n));
        // Each question was decided once, though two workers reached the rungs.
        Assert.Equal(2, SearchDecision.ReadAll(Path.Combine(two.Log, Leaf)).Select(d => d.Round).Distinct().Count());
    }

    [Fact]
    public void A_larger_keep_promotes_paused_trials_which_finish_with_the_log_of_a_run_without_search_and_nothing_is_undone()
    {
        using var study = Halving("0.34");
        Train(study);
        var first = Enumerable.Range(0, 9).Where(n => Record(study, n).State == TrialState.Complete).ToList();
        study.Write(Leaf, Grid + Search.Replace("KEEP", "0.67"));
        Train(study);
        var complete = Enumerable.Range(0, 9).Where(n => Record(study, n).State == TrialState.Complete).ToList();
        Assert.Subset(complete.ToHashSet(), first.ToHashSet());        // promotions already made are never undone
        Assert.Equal(4, complete.Count);                                 // 6 of 9 at rung 1, then 4 of those 6
        Assert.Equal(5, Enumerable.Range(0, 9).Count(n => Record(study, n).State == TrialState.Paused));

        using var plain = new Study().Write("", Root).Write(Leaf, Grid);
        Train(plain);
        foreach (var n in complete) Assert.Equal(Log(plain, n), Log(study, n));
    }

    [Fact]
    public void Values_added_to_an_axis_train_to_the_first_rung_and_join_its_decision()
    {
        using var study = Halving(grid: "lr: [0.001, 0.01, 0.1]\n");
        Train(study);
        Assert.Single(Enumerable.Range(0, 3), n => Record(study, n).State == TrialState.Complete);
        study.Write(Leaf, "lr: [0.001, 0.01, 0.1, 0.3, 1.0, 0.03]\n" + Search.Replace("KEEP", "0.34"));
        Train(study);
        Assert.All(new[] { 3, 4, 5 }, n => Assert.True(EpochsTrained(study, n) >= 1, $"trial {n} trained to the first rung"));
        var decisions = SearchDecision.ReadAll(Path.Combine(study.Log, Leaf));
        var rounds = decisions.Where(d => d.Rung == 0).GroupBy(d => d.Round).ToList();
        Assert.Equal(2, rounds.Count);
        Assert.Equal(6, rounds[1].Count());                              // the second round compares all six
        Assert.Equal(2, rounds[1].Count(d => d.Promotes));               // two of six go on; the first round's stays
        Assert.Contains(rounds[1], d => d.Decision == SearchDecision.Promoted);
    }

    [Theory]
    [InlineData("search: {method: grid, rungs: [1]}", "search.method")]
    [InlineData("search: {method: halving, rungs: [3, 1]}", "search.rungs")]
    [InlineData("search: {method: halving, rungs: [1, 6]}", "search.rungs")]
    [InlineData("search: {method: halving, rungs: []}", "search.rungs")]
    [InlineData("search: {method: halving, rungs: [1], keep: 1.5}", "search.keep")]
    [InlineData("search: {method: halving, rungs: [1], goal: up}", "search.goal")]
    [InlineData("search: {method: halving, rungs: [1], metric: acc}", "search.metric")]
    [InlineData("search: {method: halving, rungs: [1], patience: 2}", "search.patience")]
    [InlineData("search: halving", "search")]
    public void A_bad_search_is_an_expansion_error_at_its_line(string search, string key)
    {
        using var study = new Study().Write("", Root).Write(Leaf, "lr: [0.1, 0.2]\n" + search + "\n");
        var (code, output) = study.Run("expand");
        Assert.Equal(2, code);
        Assert.Contains(Path.Combine("cfg", "sweep", "synthetic", "mlp", "adam", "cfg.yaml") + ":2:", output);
        Assert.Contains($"key '{key}'", output);
        Assert.False(Directory.Exists(study.Log));
    }

    [Fact]
    public void Search_in_experiment_mode_is_an_error_and_epochs_by_default_are_checked_too()
    {
        using var experiment = new Study().Write("", "seed: 0\nsearch: {method: halving, rungs: [1]}\n").Write("experiment/synthetic/mlp/adam", "lr: 0.1\n");
        var (code, output) = experiment.Run("expand");
        Assert.Equal(2, code);
        Assert.Contains("is set in experiment mode", output);
        using var byDefault = new Study().Write("", "seed: 0\n").Write(Leaf, "lr: [0.1, 0.2]\nsearch: {method: halving, rungs: [1, 5]}\n");
        var (code2, output2) = byDefault.Run("expand");
        Assert.Equal(2, code2);
        Assert.Contains("but the trials train 5 epochs", output2);
    }

    [Fact]
    public void Asynchronous_halving_promotes_from_the_trials_that_reached_the_rung_so_far()
    {
        using var study = new Study().Write("", Root).Write(Leaf, Grid + "search: {method: halving, metric: val_acc, rungs: [1, 3], keep: 0.34, async: true}\n");
        Train(study, "--workers", "1");
        var rung0 = SearchDecision.ReadAll(Path.Combine(study.Log, Leaf)).Where(d => d.Rung == 0).GroupBy(d => d.Round).ToList();
        // One worker: a round each time a trial reaches the rung; the first promotion once three have (a third of three).
        Assert.Equal(Enumerable.Range(1, 9), rung0.Select(r => r.First().Of));
        Assert.DoesNotContain(rung0.TakeWhile(r => r.First().Of < 3).SelectMany(r => r), d => d.Promotes);
        Assert.Contains(rung0.First(r => r.First().Of == 3), d => d.Decision == SearchDecision.Promote);
        Assert.True(Enumerable.Range(0, 9).Count(n => Record(study, n).State == TrialState.Complete) >= 1);
    }

    [Fact]
    public void A_worker_killed_in_the_middle_of_a_rung_loses_nothing_and_no_decision_is_made_twice()
    {
        // About 1.5 s an epoch here (6,250 train rows; checkpoints every 0.3 s), so that the kill lands mid-epoch.
        const string slow = "seed: 0\nepochs: 3\nbatch_size: 32\nn_train: 200000\nfeatures: 64\nhidden: [256]\ncheckpoint_minutes: 0.005\n";
        const string leaf = "lr: [0.001, 0.01, 0.1]\nsearch: {method: halving, metric: val_acc, rungs: [1], keep: 0.34}\n";
        using var straight = new Study().Write("", slow).Write(Leaf, leaf);
        Train(straight, "--workers", "1");
        using var study = new Study().Write("", slow).Write(Leaf, leaf);
        using (var run = study.Start("sweep", "--threads", "1", "--workers", "1"))
        {
            // Killed while trial_001 trains toward the rung (claimed, rows written, not yet paused).
            var trial = study.Trial(Leaf, 1);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            Claim? holder = null;
            while (clock.Elapsed < TimeSpan.FromMinutes(1))
            {
                holder = Claim.TryRead(trial);
                // A checkpoint inside epoch 1 (the rung): the trial is mid-rung.
                if (holder is not null && Attempt.LiveCheckpoint(trial) is { } path && CheckpointHeader.TryRead(path) is { Epoch: 1, Batch: > 0 }) break;
                Thread.Sleep(10);
            }
            Assert.NotNull(holder);
            System.Diagnostics.Process.GetProcessById(holder.Pid).Kill();
            Assert.True(run.WaitForExit(TimeSpan.FromMinutes(1)));
            Assert.Equal(TrialState.Pending, Record(study, 1).State);
        }
        Train(study, "--workers", "1");
        Assert.Equal(Decisions(straight), Decisions(study));
        for (var n = 0; n < 3; n++) Assert.Equal(Log(straight, n), Log(study, n));
    }

    [Fact]
    public void A_worker_killed_in_the_middle_of_a_decision_blocks_nobody_and_the_decision_is_made_once_after()
    {
        using var straight = Halving();
        Train(straight, "--workers", "1");
        using var study = Halving();
        PausedWithoutDecisions(study);                                   // killed while it held a decision: nothing half-written
        Train(study, "--workers", "1");
        Assert.Equal(Decisions(straight), Decisions(study));
        for (var n = 0; n < 9; n++) Assert.Equal(Log(straight, n), Log(study, n));
    }

    // All nine trials paused at the first rung with no decision written: a run whose decider is killed while it holds one
    // made but unwritten (an injected delay).
    private static void PausedWithoutDecisions(Study study)
    {
        using var run = study.StartWith(new Dictionary<string, string> { ["HYPERGRID_FAULT_DECISION_MS"] = "600000" }, "sweep", "--threads", "1", "--workers", "1");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        List<RunRecord?> runs = [];
        while (clock.Elapsed < TimeSpan.FromMinutes(1))
        {
            runs = Enumerable.Range(0, 9).Select(n => RunRecord.TryRead(study.Trial(Leaf, n))).ToList();
            if (runs.All(r => r is { Status: RunStatus.Paused })) break;
            Thread.Sleep(20);
        }
        Thread.Sleep(300);
        System.Diagnostics.Process.GetProcessById(runs.Last()!.Pid).Kill();
        Assert.True(run.WaitForExit(TimeSpan.FromMinutes(1)));
        Assert.Empty(SearchDecision.ReadAll(Path.Combine(study.Log, Leaf)));
    }

    [Theory]
    [InlineData("noop")]
    [InlineData("enolck")]
    public void Two_runs_deciding_at_once_where_flock_does_not_lock_make_each_round_once_as_a_single_run_does(string flock)
    {
        using var straight = Halving();
        Train(straight, "--workers", "1");
        using var study = Halving();
        PausedWithoutDecisions(study);
        // Both runs decide the first rung as they start and hold their decision 2 s before writing it: they overlap.
        var environment = FilesystemShim.Environment(flock);
        environment["HYPERGRID_FAULT_DECISION_MS"] = "2000";
        using var a = study.StartWith(environment, "sweep", "--threads", "1", "--workers", "1");
        using var b = study.StartWith(environment, "sweep", "--threads", "1", "--workers", "1");
        var outputs = new[] { a, b }.Select(p => (Out: p.StandardOutput.ReadToEndAsync(), Err: p.StandardError.ReadToEndAsync())).ToList();
        Assert.True(a.WaitForExit(TimeSpan.FromMinutes(2)) && b.WaitForExit(TimeSpan.FromMinutes(2)));
        var text = outputs.Select(o => o.Out.Result + o.Err.Result).ToList();
        Assert.True(a.ExitCode == 0 && b.ExitCode == 0, string.Join("\n----\n", text));
        var all = string.Join('\n', text);

        // Both wrote the first rung (they decided at once), yet it counts once and each rung is said once.
        var raw = File.ReadAllLines(Path.Combine(study.Log, Leaf, SearchDecision.File));
        Assert.True(raw.Count(l => l.Contains("\"end\"") && l.Contains("\"round\":\"r0-")) >= 2, string.Join('\n', raw));
        Assert.Single(all.Split('\n'), l => l.Contains("search rung 1 (epoch 1)"));
        Assert.Single(all.Split('\n'), l => l.Contains("search rung 2 (epoch 3)"));
        Assert.Equal(Decisions(straight), Decisions(study));
        for (var n = 0; n < 9; n++) Assert.Equal(Log(straight, n), Log(study, n));
        if (flock == "enolck") Assert.Contains("flock failed (ENOLCK", all);
        else Assert.DoesNotContain("flock failed", all);
    }

    [Theory]
    [InlineData("rungs: [1, 3]", "rungs: [2, 3]")]
    [InlineData("metric: val_acc", "metric: val_loss")]
    public void A_search_setting_changed_after_decisions_is_applied_to_what_is_not_yet_decided_and_said(string from, string to)
    {
        using var study = Halving();
        Train(study);
        var before = SearchDecision.ReadAll(Path.Combine(study.Log, Leaf)).Select(d => d.Round).ToHashSet();
        study.Write(Leaf, Grid + Search.Replace("KEEP", "0.34").Replace(from, to));
        var (code, output) = study.Run("sweep", "--threads", "1");
        Assert.True(code == 0, output);
        Assert.Contains("search_decisions.jsonl: the search settings changed since rounds were made under them", output);
        Assert.Contains(from.Replace(": ", " "), output);                // then ...
        Assert.Contains(to.Replace(": ", " "), output);                  // now ...
        var decisions = SearchDecision.ReadAll(Path.Combine(study.Log, Leaf));
        var fresh = decisions.Where(d => !before.Contains(d.Round)).ToList();
        // The first rung is decided again over all nine, under the new settings (at its new epoch).
        var first = fresh.Where(d => d.Rung == 0).GroupBy(d => d.Round).Single();
        Assert.Equal(9, first.Count());
        Assert.Equal(to.StartsWith("rungs") ? 2 : 1, first.First().Epoch);
        // What was promoted stays promoted.
        Assert.All(decisions.Where(d => before.Contains(d.Round) && d.Rung == 0 && d.Promotes), d =>
            Assert.Contains(first, f => f.Trial == d.Trial && f.Promotes));
    }

    [Theory]
    [InlineData("inside a line")]
    [InlineData("at a line's end, before the round's end line")]
    public void A_decisions_file_cut_in_the_middle_of_a_round_is_said_and_the_round_made_again_as_before(string where)
    {
        using var straight = Halving();
        Train(straight);
        using var study = Halving();
        Train(study);
        var path = Path.Combine(study.Log, Leaf, SearchDecision.File);
        var lines = File.ReadAllLines(path);
        // The first rung's round: nine lines and its end line; cut after its fifth line (or inside its sixth).
        var keep = string.Concat(lines.Take(5).Select(l => l + "\n"));
        File.WriteAllText(path, where == "inside a line" ? keep + lines[5][..40] : keep);
        Assert.Empty(SearchDecision.ReadAll(Path.Combine(study.Log, Leaf)));   // a round is made only when whole
        var (code, output) = study.Run("sweep", "--threads", "1");
        Assert.True(code == 0, output);
        Assert.Matches("search_decisions.jsonl: (round r0-\\w+ has 5 line\\(s\\) but no end|line 6 is not whole)", output);
        Assert.Equal(Decisions(straight), Decisions(study));
        for (var n = 0; n < 9; n++) Assert.Equal(Log(straight, n), Log(study, n));
    }

    // The better value (acc) is the lr; trial 0 (lr 0.9) ends with exit 0 before the rung's epoch 2.
    private const string EndsEarly = """
        import json, os, sys
        cfg = json.loads(os.environ['HYPERGRID_CONFIG_JSON'])
        lr, epochs, variant = cfg['lr'], int(cfg['epochs']), cfg['variant']
        stop = int(os.environ.get('HYPERGRID_STOP_AFTER_EPOCH', epochs))
        path = os.environ['HYPERGRID_BATCH_LOG']
        done = 0
        if os.path.exists(path):
            rows = [l.split(',') for l in open(path).read().splitlines()[1:]]
            done = max([int(r[0]) for r in rows], default=0)
        log = open(path, 'a')
        if log.tell() == 0: log.write('epoch,mode,batch,loss,acc\n')
        for epoch in range(done + 1, epochs + 1):
            if lr == 0.9 and epoch == 2:
                if variant == 'train rows only': log.write(f'{epoch},train,0,1.0,{lr}\n')
                sys.exit(0)
            log.write(f'{epoch},train,0,1.0,{lr}\n{epoch},val,0,1.0,{lr}\n'); log.flush()
            if epoch == stop and stop < epochs: sys.exit(75)
        """;

    [Theory]
    [InlineData("stops before")]
    [InlineData("train rows only")]
    public void A_program_that_ends_before_its_rung_epoch_is_not_compared_on_an_earlier_epochs_value(string variant)
    {
        const string programLeaf = "sweep/clusters/softmax/sgd";
        using var study = new Study().WriteFile("prog.py", EndsEarly).Write("", $"command: python3 prog.py\nseed: 0\nepochs: 3\nvariant: {variant}\n")
            .Write(programLeaf, "lr: [0.9, 0.5]\nsearch: {method: halving, metric: val_acc, rungs: [2], keep: 0.5}\n");
        var (code, output) = study.Run("sweep", "--workers", "1");
        Assert.True(code == 0, output);
        var decisions = SearchDecision.ReadAll(Path.Combine(study.Log, programLeaf));
        var early = Assert.Single(decisions, d => d.Trial == 0);
        Assert.Null(early.Value);                                        // not its epoch-1 value 0.9
        Assert.Equal(SearchDecision.Pause, early.Decision);
        Assert.Equal(SearchDecision.Promote, Assert.Single(decisions, d => d.Trial == 1).Decision);
        Assert.Contains("1 without a value at epoch 2", output);
        Assert.True(File.Exists(Path.Combine(study.Trial(programLeaf, 1), TrialFiles.BatchLog)), "the trial that reached the rung goes on and completes");
    }

    // A program of the contract under a search: it stops at HYPERGRID_STOP_AFTER_EPOCH with exit 75 (examples/stdlib).
    [Fact]
    public void A_program_pauses_at_its_rung_with_exit_75_and_continues_when_promoted()
    {
        const string programLeaf = "sweep/clusters/softmax/sgd";
        using var study = new Study().Copy("examples/stdlib/train.py").Write("", "command: python3 train.py\nseed: 0\nepochs: 3\nbatch_size: 32\n")
            .Write(programLeaf, "lr: [0.001, 0.01, 0.1]\nsearch: {method: halving, metric: val_acc, rungs: [1], keep: 0.34}\n");
        var (code, output) = study.Run("sweep");
        Assert.True(code == 0, output);
        var records = Enumerable.Range(0, 3).Select(n => TrialRecord.Read(study.Trial(programLeaf, n), TrialId.FromDirectory(study.Trial(programLeaf, n)), (string?)null)).ToList();
        Assert.Single(records, r => r.State == TrialState.Complete);
        Assert.Equal(2, records.Count(r => r.State == TrialState.Paused));
        Assert.All(records.Where(r => r.State == TrialState.Paused), r =>
        {
            Assert.Equal(75, r.Run!.ExitCode);
            Assert.Equal(1, r.Run.PausedAt);
            Assert.True(File.Exists(Path.Combine(Attempt.Latest(r.Directory)!.CheckpointDir, "state.json")));
        });
        // The promoted one continued from its own checkpoint: its log equals a run without search.
        using var plain = new Study().Copy("examples/stdlib/train.py").Write("", "command: python3 train.py\nseed: 0\nepochs: 3\nbatch_size: 32\n")
            .Write(programLeaf, "lr: [0.001, 0.01, 0.1]\n");
        Assert.Equal(0, plain.Run("sweep").Code);
        var done = records.Single(r => r.State == TrialState.Complete).Id.Number;
        Assert.Equal(BatchLogs.WithoutTime(Path.Combine(plain.Trial(programLeaf, done), TrialFiles.BatchLog)),
            BatchLogs.WithoutTime(Path.Combine(study.Trial(programLeaf, done), TrialFiles.BatchLog)));
    }

    [Fact]
    public void A_program_that_trains_past_its_rung_is_stopped_by_sigterm_and_paused()
    {
        const string programLeaf = "sweep/clusters/softmax/sgd";
        // Ignores HYPERGRID_STOP_AFTER_EPOCH; on SIGTERM it exits 75 at once. acc is its lr: the larger lr goes on.
        using var study = new Study().WriteFile("prog.py", """
            import json, os, signal, sys, time
            signal.signal(signal.SIGTERM, lambda *a: sys.exit(75))
            lr = json.loads(os.environ['HYPERGRID_CONFIG_JSON'])['lr']
            log = open(os.environ['HYPERGRID_BATCH_LOG'], 'a')
            if log.tell() == 0: log.write('epoch,mode,batch,loss,acc\n')
            for epoch in range(1, 4):
                log.write(f'{epoch},train,0,1.0,{lr}\n{epoch},val,0,1.0,{lr}\n'); log.flush()
                time.sleep(0.6)
            """).Write("", "command: python3 prog.py\nseed: 0\nepochs: 3\nstop_grace_seconds: 5\n")
            .Write(programLeaf, "lr: [0.1, 0.2]\nsearch: {method: halving, metric: val_acc, rungs: [1], keep: 0.5}\n");
        var (code, output) = study.Run("sweep", "--workers", "1");
        Assert.True(code == 0, output);
        var low = TrialRecord.Read(study.Trial(programLeaf, 0), TrialId.FromDirectory(study.Trial(programLeaf, 0)), (string?)null);
        Assert.Equal(TrialState.Paused, low.State);
        Assert.Contains("past its search rung 1: SIGTERM sent", File.ReadAllText(Path.Combine(low.Directory, TrialFiles.WorkerLog)));
        Assert.True(File.Exists(Path.Combine(study.Trial(programLeaf, 1), TrialFiles.BatchLog)), "the better one completes");
    }
    [Theory]
    [InlineData(3, TrialState.Complete)] // every epoch in one burst, then exit 0: complete, and said
    [InlineData(2, TrialState.Paused)]   // past its rung but not to the end, then exit 0: paused at its rung, not complete with 2 of 3 epochs
    public void A_program_that_trains_past_its_rung_in_a_burst_is_said_so_once_per_leaf_with_what_it_cost(int burst, TrialState lowState)
    {
        const string programLeaf = "sweep/clusters/softmax/sgd";
        // Ignores HYPERGRID_STOP_AFTER_EPOCH and writes its epochs at once (a buffered log); acc is its lr.
        using var study = new Study().WriteFile("prog.py", $$"""
            import json, os
            lr = json.loads(os.environ['HYPERGRID_CONFIG_JSON'])['lr']
            log = open(os.environ['HYPERGRID_BATCH_LOG'], 'a')
            start = 1 if log.tell() == 0 else 1 + max(int(l.split(',')[0]) for l in open(os.environ['HYPERGRID_BATCH_LOG']).read().splitlines()[1:])
            if log.tell() == 0: log.write('epoch,mode,batch,loss,acc\n')
            end = {{burst}} if 'HYPERGRID_STOP_AFTER_EPOCH' in os.environ else 3
            for epoch in range(start, end + 1):
                log.write(f'{epoch},train,0,1.0,{lr}\n{epoch},val,0,1.0,{lr}\n')
            """).Write("", "command: python3 prog.py\nseed: 0\nepochs: 3\nstop_grace_seconds: 5\n")
            .Write(programLeaf, "lr: [0.1, 0.2]\nsearch: {method: halving, metric: val_acc, rungs: [1], keep: 0.5}\n");
        var (code, output) = study.Run("sweep", "--workers", "1");
        Assert.True(code == 0, output);
        var low = TrialRecord.Read(study.Trial(programLeaf, 0), TrialId.FromDirectory(study.Trial(programLeaf, 0)), (string?)null);
        Assert.Equal(lowState, low.State);
        Assert.True(study.IsComplete(programLeaf, 1), "the better one completes");
        var cost = $"{programLeaf}: 2 trial(s) trained past their search rung: {2 * (burst - 1)} epoch(s) that halving would have saved";
        Assert.Equal(1, output.Split("trained past their search rung").Length - 1);
        Assert.Contains(cost, output);
        var status = study.Run("status").Output;
        Assert.Equal(1, status.Split("trained past their search rung").Length - 1);
        Assert.Contains(cost, status);
    }
}
