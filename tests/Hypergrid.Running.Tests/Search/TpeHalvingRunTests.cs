using Hypergrid.Tests;
using Hypergrid.Trials;
using Hypergrid.Trials.Search;

namespace Hypergrid.Running.Tests.Search;

/// <summary>
/// TPE with halving run as real trials (a python3 stdlib program of three epochs whose val_loss converges to Branin at
/// its x1, x2; it pauses at HYPERGRID_STOP_AFTER_EPOCH with exit 75 and continues from its log when promoted): each
/// round's rung is decided over that round's trials, and one worker, two, and a run killed with -9 and continued make
/// the same trial folders, values and decisions.
/// </summary>
public class TpeHalvingRunTests
{
    private const string Leaf = "sweep/branin/prog/bohb";

    private static Study Branin() => new Study().WriteFile("branin.py", """
        import math, os, sys
        x1, x2 = float(sys.argv[1]), float(sys.argv[2])
        epochs = 3
        stop = int(os.environ.get('HYPERGRID_STOP_AFTER_EPOCH', epochs))
        b, c, t = 5.1 / (4 * math.pi ** 2), 5 / math.pi, 1 / (8 * math.pi)
        y = (x2 - b * x1 * x1 + c * x1 - 6) ** 2 + 10 * (1 - t) * math.cos(x1) + 10
        path = os.environ['HYPERGRID_BATCH_LOG']
        done = 0
        if os.path.exists(path):
            done = max([int(l.split(',')[0]) for l in open(path).read().splitlines()[1:]], default=0)
        log = open(path, 'a')
        if log.tell() == 0: log.write('epoch,mode,batch,loss\n')
        for epoch in range(done + 1, epochs + 1):
            v = y + (x1 + 5) * 4 / epoch
            log.write(f'{epoch},train,0,{v!r}\n{epoch},val,0,{v!r}\n'); log.flush()
            if epoch == stop and stop < epochs: sys.exit(75)
        """).Write("", "command: python3 branin.py {x1} {x2}\nseed: 0\nepochs: 3\n")
        .Write(Leaf, "search: {method: tpe, trials: 6, startup: 4, batch: 2, seed: 3, metric: val_loss, rungs: [1], keep: 0.5}\n"
            + "x1: {uniform: [-5, 10]}\nx2: {uniform: [0, 15]}\n");

    // Every trial folder of the leaf: its cfg.yaml and its log (committed, else the paused attempt's), by folder name.
    private static SortedDictionary<string, string> Trials(Study study)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var dir in Directory.GetDirectories(Path.Combine(study.Log, Leaf), "trial_*"))
        {
            var log = Path.Combine(dir, TrialFiles.BatchLog);
            var run = RunRecord.TryRead(dir);
            var rows = File.Exists(log) ? File.ReadAllText(log) : $"{run?.Status} at {run?.PausedAt}";
            result[Path.GetFileName(dir)] = File.ReadAllText(Path.Combine(dir, TrialFiles.Config)) + rows;
        }
        return result;
    }

    // The decisions the leaf's file counts, without when they were made: round, trial, value, rank, decision, epochs.
    private static List<string> Decisions(Study study) =>
        SearchDecision.ReadAll(Path.Combine(study.Log, Leaf))
            .Select(d => $"{d.Round} {d.Trial} {d.Value:R} {d.Rank}/{d.Of} {d.Decision} {d.To}").ToList();

    [Fact]
    public void Each_round_is_halved_on_its_own_and_one_worker_two_and_a_run_killed_and_continued_agree()
    {
        using var one = Branin();
        var (code, output) = one.Run("sweep", "--workers", "1");
        Assert.True(code == 0, output);
        var expected = Trials(one);
        var decisions = Decisions(one);
        Assert.Equal(6, expected.Count);
        // Rounds of 4 and 2, each decided at epoch 1 over its own trials: half of each (at least one) went on.
        Assert.Equal(6, decisions.Count);
        Assert.Equal(3, decisions.Count(d => d.EndsWith(" promote 3")));
        Assert.Equal([4, 4, 4, 4, 2, 2], decisions.Select(d => int.Parse(d.Split(' ')[3].Split('/')[1])));
        Assert.Equal(3, expected.Values.Count(v => v.Contains("3,val,0,")));
        Assert.Equal(3, expected.Values.Count(v => v.EndsWith("Paused at 1")));
        Assert.Contains("search rung 1 (epoch 1): 2 of 4 go on to epoch 3", output);
        Assert.Contains("tpe proposed 2 trial(s)", output);
        // status reads a paused trial as halving's: its rank in its round.
        var status = one.Run("status", "--trials").Output;
        Assert.Matches(@"paused at epoch 1 of 3; rank 2 of 2 at epoch 1", status);

        using var two = Branin();
        var (code2, output2) = two.Run("sweep", "--workers", "2");
        Assert.True(code2 == 0, output2);
        Assert.Equal(expected, Trials(two));
        Assert.Equal(decisions, Decisions(two));

        // Killed (SIGKILL, the whole process tree) once the first TPE round is in the ledger, then run again.
        using var killed = Branin();
        killed.KillOnceExists(Path.Combine(killed.Log, Leaf, "search_proposals.jsonl"), "sweep", "--workers", "2");
        var (code3, output3) = killed.Run("sweep", "--workers", "2");
        Assert.True(code3 == 0, output3);
        Assert.Equal(expected, Trials(killed));
        Assert.Equal(decisions, Decisions(killed));
        Assert.Contains("6 trials (0 new, wrote 0 cfg.yaml)", killed.Run("expand").Output);

        // The last round's decisions torn (a writer killed mid-write): not counted, said, and decided again the same.
        var file = Path.Combine(killed.Log, Leaf, SearchDecision.File);
        var text = File.ReadAllText(file);
        var lastRound = text.LastIndexOf("{\"round\":\"r0-", text.LastIndexOf("\"end\"", StringComparison.Ordinal), StringComparison.Ordinal);
        File.WriteAllText(file, text[..(lastRound + 40)]);
        Assert.Equal(decisions.Count - 2, Decisions(killed).Count);
        var (code4, output4) = killed.Run("sweep", "--workers", "1");
        Assert.True(code4 == 0, output4);
        Assert.Contains("is not whole", output4);
        Assert.Equal(decisions, Decisions(killed));
        Assert.Equal(expected, Trials(killed));
    }
}
