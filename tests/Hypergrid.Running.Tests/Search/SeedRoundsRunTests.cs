using System.Text.Json.Nodes;
using Hypergrid.Tests;
using Hypergrid.Trials;
using Hypergrid.Trials.Search;

namespace Hypergrid.Running.Tests.Search;

/// <summary>
/// Adaptive seeds run as real trials: a python3 stdlib program writes a fixed val_acc per group (its trainer folder) and
/// seed, so the rounds are known in advance: at 3 seeds "worse" is different and "close" equivalent (within 0.01) and
/// stop; "best" and "noisy" go on to the maximum of 6. One worker, two workers and a run killed with -9 and continued
/// make the same trial folders and the same rounds, because a round is decided only once all its trials are complete.
/// </summary>
public class SeedRoundsRunTests
{
    private const string Section = "experiment/toy";
    private static readonly string[] Groups = ["best", "worse", "close", "noisy"];

    private static Study Toy() => new Study().WriteFile("toy.py", """
        import os, sys
        truth = {
            'best':  [0.930, 0.925, 0.928, 0.936, 0.931, 0.927],
            'worse': [0.810, 0.805, 0.809, 0.815, 0.812, 0.806],
            'close': [0.9295, 0.9248, 0.9278, 0.9355, 0.9305, 0.9266],
            'noisy': [0.95, 0.88, 0.94, 0.90, 0.96, 0.89],
        }
        v = truth[sys.argv[1]][int(sys.argv[2])]
        with open(os.environ['HYPERGRID_BATCH_LOG'], 'a') as log:
            log.write(f'epoch,mode,batch,loss,acc\n1,train,0,{1 - v!r},{v!r}\n1,val,0,{1 - v!r},{v!r}\n')
        """).Write("", "command: python3 toy.py {trainer} {seed}\nseed: 0\n")
        .Write(Section, "seeds: {start: 3, max: 6, until: decided, equivalence: 0.01}\n")
        .Write($"{Section}/prog/best", "").Write($"{Section}/prog/worse", "").Write($"{Section}/prog/close", "").Write($"{Section}/prog/noisy", "");

    // Every trial folder of the section: its cfg.yaml and its val_acc, by path.
    private static SortedDictionary<string, string> Trials(Study study)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in Groups)
            foreach (var dir in Directory.GetDirectories(Path.Combine(study.Log, Section, "prog", group), "trial_*"))
            {
                var log = Path.Combine(dir, TrialFiles.BatchLog);
                var acc = File.Exists(log) ? File.ReadLines(log).Last().Split(',')[4] : "none";
                result[$"{group}/{Path.GetFileName(dir)}"] = File.ReadAllText(Path.Combine(dir, TrialFiles.Config)) + "val_acc " + acc;
            }
        return result;
    }

    // The rounds as decided, without who made them and when.
    private static List<string> Rounds(Study study) =>
        File.ReadAllLines(Path.Combine(study.Log, Section, SeedDecisions.File)).Select(l =>
        {
            var o = JsonNode.Parse(l)!.AsObject();
            o.Remove("by");
            o.Remove("time");
            o.Remove("sum");
            return o.ToJsonString();
        }).ToList();

    // What the truth table decides: rounds at 3, 4, 5, 6 seeds; worse and close stop at 3; 18 trials, all complete.
    private static void AssertTheKnownOutcome(Study study)
    {
        var trials = Trials(study);
        Assert.Equal([6, 3, 3, 6], Groups.Select(g => trials.Keys.Count(k => k.StartsWith(g + "/"))));
        Assert.All(trials.Values, v => Assert.DoesNotContain("val_acc none", v));
        var log = SeedDecisions.Read(Path.Combine(study.Log, Section));
        Assert.Equal([3, 4, 5, 6], log.Rounds.Select(r => r.Seeds));
        Assert.Equal("different", log.Rounds[0].Stopped["experiment/toy/prog/worse"]);
        Assert.Equal("equivalent", log.Rounds[0].Stopped["experiment/toy/prog/close"]);
        Assert.Equal(["experiment/toy/prog/best", "experiment/toy/prog/noisy"], log.Rounds[0].Continue);
        Assert.Empty(log.Rounds[^1].Continue);
        Assert.Equal(4, File.ReadAllLines(Path.Combine(study.Log, Section, SeedDecisions.File)).Length);
    }

    [Fact]
    public void One_worker_and_two_workers_make_the_same_trials_and_rounds()
    {
        using var one = Toy();
        var (code, output) = one.Run("experiment", "--workers", "1");
        Assert.True(code == 0, output);
        AssertTheKnownOutcome(one);
        Assert.Contains("adaptive seeds round 1 at 3 seed(s) each: best experiment/toy/prog/best; stopped: experiment/toy/prog/close (equivalent), experiment/toy/prog/worse (different)", output);

        using var two = Toy();
        var (code2, output2) = two.Run("experiment", "--workers", "2");
        Assert.True(code2 == 0, output2);
        Assert.Equal(Trials(one), Trials(two));
        Assert.Equal(Rounds(one), Rounds(two));
    }

    // Apart from the test above, which runs the section twice: each stays under the time a test may take.
    [Fact]
    public void Status_and_report_say_where_each_group_stands_and_expanding_again_writes_nothing()
    {
        using var one = Toy();
        var (code, output) = one.Run("experiment", "--workers", "1");
        Assert.True(code == 0, output);
        AssertTheKnownOutcome(one);

        var status = one.Run("status").Output;
        Assert.Contains("experiment/toy: adaptive seeds (start 3, max 6, by val_acc): 4 round(s), decided", status);
        Assert.Contains("experiment/toy/prog/worse: stopped at 3 seeds: different (round 1)", status);
        Assert.Contains("experiment/toy/prog/close: stopped at 3 seeds: equivalent (round 1)", status);
        Assert.Contains("experiment/toy/prog/best: best, 6 seeds (decided in round 4)", status);
        Assert.Contains("experiment/toy/prog/noisy: undecided at the maximum of 6 seeds (round 4)", status);
        Assert.DoesNotContain("settings changed", status);
        // report says the seeds spent and why each group stopped, in every format.
        var markdown = one.Run("report", "--format", "markdown").Output;
        Assert.Contains("Adaptive seeds (4 round(s), decided): 18 seeds spent against a fixed 6 for each of 4 groups (24)", markdown);
        var json = JsonNode.Parse(one.Run("report", "--format", "json").Output)!["sections"]![0]!;
        Assert.Contains("stopped at 3 seeds: different (round 1)", (string)json["adaptive_seeds"]!);
        var worse = json["groups"]!.AsArray().Single(g => (string)g!["leaf"]! == "experiment/toy/prog/worse")!["adaptive"]!;
        Assert.Equal(("stopped", "different", 1), ((string)worse["state"]!, (string)worse["verdict"]!, (int)worse["round"]!));
        var csv = one.Run("report", "--format", "csv").Output.Split('\n');
        Assert.EndsWith("adaptive,adaptive_verdict,adaptive_round", csv[0]);
        Assert.EndsWith("stopped,equivalent,1", csv.Single(l => l.Contains("experiment/toy/prog/close")));

        // Expanding again writes nothing: the rounds' seeds are trials like the first ones.
        var expand = System.Text.RegularExpressions.Regex.Matches(one.Run("expand").Output, @"(\d+) trials \((\d+) new, wrote (\d+) cfg.yaml\)")
            .Select(m => (Trials: int.Parse(m.Groups[1].Value), New: int.Parse(m.Groups[2].Value), Wrote: int.Parse(m.Groups[3].Value))).ToList();
        Assert.Equal((4, 18), (expand.Count, expand.Sum(x => x.Trials)));
        Assert.All(expand, x => Assert.Equal((0, 0), (x.New, x.Wrote)));

        // max raised after the section was decided: status says so, and a run trains nothing and says it too.
        one.Write(Section, "seeds: {start: 3, max: 8, until: decided, equivalence: 0.01}\n");
        Assert.Contains("decided at max 6: a raised max does not reopen it", one.Run("status").Output);
        var (again, said) = one.Run("experiment", "--workers", "1");
        Assert.True(again == 0, said);
        Assert.Contains("decided at max 6: a raised max does not reopen it", said);
        Assert.Equal(18, Trials(one).Count);
    }

    [Fact]
    public void A_run_killed_after_its_first_round_and_continued_makes_the_same_trials_and_rounds()
    {
        using var killed = Toy();
        using (var run = killed.Start("experiment", "--workers", "2"))
        {
            var file = Path.Combine(killed.Log, Section, SeedDecisions.File);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (!File.Exists(file) && clock.Elapsed < TimeSpan.FromMinutes(1) && !run.HasExited) Thread.Sleep(20);
            if (!run.HasExited) run.Kill(entireProcessTree: true);
            run.WaitForExit();
        }
        var (code, output) = killed.Run("experiment", "--workers", "2");
        Assert.True(code == 0, output);
        AssertTheKnownOutcome(killed);
    }

    [Fact]
    public void A_group_whose_complete_trials_have_no_value_stops_with_no_value_and_the_section_is_decided_instead_of_waiting()
    {
        // "nometric" logs only loss (no val_acc at all); "nan" logs val_acc NaN with a finite loss: both complete, not diverged.
        using var study = new Study().WriteFile("toy.py", """
            import os, sys
            v = {'best': 0.93, 'worse': 0.81}.get(sys.argv[1], 0.5) + int(sys.argv[2]) * 0.001
            with open(os.environ['HYPERGRID_BATCH_LOG'], 'a') as log:
                log.write('epoch,mode,batch,loss,acc\n1,train,0,0.5,0.5\n')
                if sys.argv[1] == 'nan': log.write('1,val,0,0.5,NaN\n')
                elif sys.argv[1] != 'nometric': log.write(f'1,val,0,{1 - v!r},{v!r}\n')
            """).Write("", "command: python3 toy.py {trainer} {seed}\nseed: 0\n")
            .Write(Section, "seeds: {start: 2, max: 3, until: decided}\n")
            .Write($"{Section}/prog/best", "").Write($"{Section}/prog/worse", "").Write($"{Section}/prog/nometric", "").Write($"{Section}/prog/nan", "");
        var (code, output) = study.Run("experiment", "--workers", "2");
        Assert.True(code == 0, output);
        var log = SeedDecisions.Read(Path.Combine(study.Log, Section));
        Assert.Equal("no value: seed 0 is complete without a finite val_acc", log.Rounds[0].Stopped["experiment/toy/prog/nometric"]);
        Assert.Equal("no value: seed 0 is complete without a finite val_acc", log.Rounds[0].Stopped["experiment/toy/prog/nan"]);
        Assert.Equal("experiment/toy/prog/best", log.Rounds[0].Best);
        Assert.Empty(log.Rounds[^1].Continue);
        var status = study.Run("status").Output;
        Assert.Contains("experiment/toy/prog/nometric: stopped at 2 seeds: no value: seed 0 is complete without a finite val_acc (round 1)", status);
        Assert.Contains("experiment/toy/prog/nan: stopped at 2 seeds: no value: seed 0 is complete without a finite val_acc (round 1)", status);
        Assert.DoesNotContain("waiting", status);
    }

    [Fact]
    public void A_mistake_in_seeds_exits_2_naming_the_file_the_key_and_the_fix_and_writes_nothing()
    {
        using var study = Toy().Write(Section, "seeds: {start: 7, max: 6, until: decided}\n");
        var (code, output) = study.Run("experiment", "--workers", "1");
        Assert.Equal(2, code);
        Assert.Contains("cfg/experiment/toy/cfg.yaml:1", output);
        Assert.Contains("seeds.start", output);
        Assert.Contains("more than max 6", output);
        Assert.False(Directory.Exists(study.Log) && Directory.EnumerateFileSystemEntries(study.Log).Any());
    }
}
