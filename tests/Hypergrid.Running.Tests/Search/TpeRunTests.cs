using Hypergrid.Tests;
using Hypergrid.Trials;

namespace Hypergrid.Running.Tests.Search;

/// <summary>
/// A TPE search run as real trials (a python3 stdlib program whose val_loss is Branin at its x1, x2; one epoch): its
/// rounds are the same trial folders with the same values whatever the number of workers, and after a kill -9 and a
/// second run, because each round is proposed from complete earlier rounds only and recorded in the leaf's ledger.
/// </summary>
public class TpeRunTests
{
    private const string Leaf = "sweep/branin/prog/tpe";

    private static Study Branin(int trials = 8) => new Study().WriteFile("branin.py", """
        import math, os, sys
        x1, x2 = float(sys.argv[1]), float(sys.argv[2])
        b, c, t = 5.1 / (4 * math.pi ** 2), 5 / math.pi, 1 / (8 * math.pi)
        y = (x2 - b * x1 * x1 + c * x1 - 6) ** 2 + 10 * (1 - t) * math.cos(x1) + 10
        with open(os.environ['HYPERGRID_BATCH_LOG'], 'a') as log:
            log.write(f'epoch,mode,batch,loss\n1,train,0,{y!r}\n1,val,0,{y!r}\n')
        """).Write("", "command: python3 branin.py {x1} {x2}\nseed: 0\n")
        .Write(Leaf, $"search: {{method: tpe, trials: {trials}, startup: 4, batch: 2, seed: 3, metric: val_loss}}\nx1: {{uniform: [-5, 10]}}\nx2: {{uniform: [0, 15]}}\n");

    // Every trial folder of the leaf: its cfg.yaml and its val_loss, by folder name.
    private static SortedDictionary<string, string> Trials(Study study)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var dir in Directory.GetDirectories(Path.Combine(study.Log, Leaf), "trial_*"))
        {
            var log = Path.Combine(dir, TrialFiles.BatchLog);
            var loss = File.Exists(log) ? File.ReadLines(log).Last().Split(',')[3] : "none";
            result[Path.GetFileName(dir)] = File.ReadAllText(Path.Combine(dir, TrialFiles.Config)) + "val_loss " + loss;
        }
        return result;
    }

    [Fact]
    public void One_worker_two_workers_and_a_run_killed_and_continued_make_the_same_trials_with_the_same_values()
    {
        using var one = Branin();
        var (code, output) = one.Run("sweep", "--workers", "1");
        Assert.True(code == 0, output);
        var expected = Trials(one);
        Assert.Equal(8, expected.Count);
        Assert.All(expected.Values, v => Assert.DoesNotContain("val_loss none", v));
        Assert.Contains("tpe proposed 2 trial(s)", output);
        // Two rounds of two proposals after the startup of four, each with its end line, every line checksummed.
        var ledger = File.ReadAllLines(Path.Combine(one.Log, Leaf, "search_proposals.jsonl"));
        Assert.Equal(6, ledger.Length);
        Assert.All(ledger, l => Assert.Contains("\"sum\":\"", l));
        Assert.Equal(4, ledger.Count(l => l.Contains("\"x\":[")));

        using var two = Branin();
        var (code2, output2) = two.Run("sweep", "--workers", "2");
        Assert.True(code2 == 0, output2);
        Assert.Equal(expected, Trials(two));

        // Killed (SIGKILL, the whole process tree) once the first TPE round is in the ledger, then run again.
        using var killed = Branin();
        killed.KillOnceExists(Path.Combine(killed.Log, Leaf, "search_proposals.jsonl"), "sweep", "--workers", "2");
        var (code3, output3) = killed.Run("sweep", "--workers", "2");
        Assert.True(code3 == 0, output3);
        Assert.Equal(expected, Trials(killed));

        // Expanding again rewrites nothing: the ledger's rounds are trials like the startup's.
        Assert.Contains("8 trials (0 new, wrote 0 cfg.yaml)", killed.Run("expand").Output);
    }

    [Fact]
    public void Raising_trials_extends_the_search_without_changing_its_trials()
    {
        using var study = Branin(trials: 6);
        Assert.Equal(0, study.Run("sweep", "--workers", "2").Code);
        var before = Trials(study);
        study.Write(Leaf, "search: {method: tpe, trials: 8, startup: 4, batch: 2, seed: 3, metric: val_loss}\nx1: {uniform: [-5, 10]}\nx2: {uniform: [0, 15]}\n");
        var (code, output) = study.Run("sweep", "--workers", "2");
        Assert.True(code == 0, output);
        var after = Trials(study);
        Assert.Equal(8, after.Count);
        foreach (var (name, text) in before)
            Assert.Equal(Values(text), Values(after[name]));

        using var straight = Branin(trials: 8);
        Assert.Equal(0, straight.Run("sweep", "--workers", "1").Code);
        Assert.Equal(Trials(straight).Values.Select(Values), after.Values.Select(Values));
    }

    // A trial's proposal and result without the lines naming the search settings (trials: is among them).
    private static string Values(string text) => string.Join('\n', text.Split('\n').Where(l => l.StartsWith("x1:") || l.StartsWith("x2:") || l.StartsWith("val_loss")));
}
