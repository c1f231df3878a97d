using System.Diagnostics;
using Hypergrid.Tests;

namespace Hypergrid.Cli.Tests;

/// <summary>
/// <c>hypergrid expand</c> killed (SIGKILL) while it writes its trials' cfg.yaml files, then run again: the same trial
/// folders with the same configs as an expansion never stopped, none without its cfg.yaml. (A run killed so between a
/// tpe round's proposal and its trials gave a round's second trial the next free number and left the first's folder
/// empty: TpeRunTests failed on it in CI.)
/// </summary>
public class ExpandKilledTests
{
    private const string Leaf = "sweep/mnist/mlp/adam";
    private const string Tree = "command: python3 train.py {{lr}} {{width}}\nseed: 0\nlr: {0}\nwidth: {0}\n";

    [Fact]
    public void An_expansion_killed_while_writing_and_run_again_writes_the_trials_of_one_never_stopped()
    {
        // 30 x 30 trials: long enough to write that a kill lands among the writes.
        var values = "[" + string.Join(", ", Enumerable.Range(1, 30)) + "]";
        using var whole = new Study().Write(Leaf, string.Format(Tree, values));
        Assert.Equal(0, whole.Run("expand").Code);
        var expected = Folders(whole);
        Assert.Equal(900, expected.Count);

        // Killed once the first cfg.yaml is in place; tried again where the kill came before or after every write.
        var partial = 0;
        for (var attempt = 0; attempt < 5 && partial == 0; attempt++)
        {
            using var killed = new Study().Write(Leaf, string.Format(Tree, values));
            // At the lowest priority: this test's poll runs whenever it is ready, so the kill comes soon after the first write.
            var info = new ProcessStartInfo("nice", ["-n", "19", "dotnet", Path.Combine(AppContext.BaseDirectory, "hypergrid.dll"), "expand"]) { WorkingDirectory = killed.Root, RedirectStandardOutput = true, RedirectStandardError = true };
            using (var run = Process.Start(info)!)
            {
                var first = Path.Combine(killed.Trial(Leaf, 0), "cfg.yaml");
                var clock = Stopwatch.StartNew();
                while (!File.Exists(first) && !run.HasExited && clock.Elapsed < TimeSpan.FromMinutes(1)) Thread.SpinWait(100);
                if (!run.HasExited) run.Kill(); // kill(2) at once: expand starts no processes of its own
                run.WaitForExit();
            }
            var written = Folders(killed).Count(kv => kv.Value != "none");
            if (written is 0 or 900) continue;
            partial++;
            var (code, output) = killed.Run("expand");
            Assert.True(code == 0, output);
            Assert.Equal(expected, Folders(killed));
        }
        Assert.True(partial > 0, "no kill landed among the writes");
    }

    // Every trial folder of the leaf by name, with its cfg.yaml without the comment lines ("none" where it has none).
    private static SortedDictionary<string, string> Folders(Study study)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var leaf = Path.Combine(study.Log, Leaf);
        if (!Directory.Exists(leaf)) return result;
        foreach (var dir in Directory.GetDirectories(leaf, "trial_*"))
        {
            var config = Path.Combine(dir, "cfg.yaml");
            result[Path.GetFileName(dir)] = File.Exists(config) ? string.Join('\n', File.ReadLines(config).Where(l => !l.StartsWith('#'))) : "none";
        }
        return result;
    }
}
