using FsCheck.Xunit;
using Hypergrid.Config;
using Hypergrid.Config.Expansion;
using Hypergrid.Training;

namespace Hypergrid.Findings.Tests;

/// <summary>Promote's law: for any tree and any sweep trial, the promoted experiment's trials equal the trial but for the seed.</summary>
public class PromoterProperties
{
    private static string Pick(Random rng, params string[] options) => options[rng.Next(options.Length)];

    /// <summary>Random root, sweep and experiment files over real keys: overlaps, defaults and one-value lists included.</summary>
    private static void WriteTree(string cfg, Random rng)
    {
        void Write(string folder, string yaml)
        {
            Directory.CreateDirectory(Path.Combine(cfg, folder));
            File.WriteAllText(Path.Combine(cfg, folder, "cfg.yaml"), yaml);
        }
        var root = "seed: 0\n";
        if (rng.Next(2) == 0) root += $"epochs: {rng.Next(1, 4)}\n";
        if (rng.Next(2) == 0) root += $"hidden: [[{Pick(rng, "8", "16, 8")}]]\n";
        if (rng.Next(2) == 0) root += $"dropout: {Pick(rng, "0.1", "0.2")}\n";
        Write("", root);
        var sweep = $"lr: [{Pick(rng, "0.001, 0.01", "1e-3, 0.1, 0.3")}]\n";
        if (rng.Next(2) == 0) sweep += "dropout: [0.0, 0.25]\n";
        if (rng.Next(2) == 0) sweep += "hidden: [[4], [8, 4]]\n";
        if (rng.Next(2) == 0) sweep += "weight_decay: 0.01\n";
        Write("sweep/synthetic/mlp/adam", sweep);
        var experiment = "";
        if (rng.Next(2) == 0) experiment += "seed: [3, 4]\n";
        if (rng.Next(2) == 0) experiment += $"dropout: {Pick(rng, "0.5", "0.0")}\n";
        if (rng.Next(2) == 0) experiment += $"epochs: {rng.Next(1, 9)}\n";
        if (rng.Next(2) == 0) experiment += "hidden: [[32]]\nbeta1: 0.8\nlr: 0.05\n";
        if (experiment.Length > 0) Write("experiment", experiment);
    }

    private static IEnumerable<string> Effective(TrialConfig c) =>
        TrialSchema.Instance.Effective(c).Entries.Where(e => e.Key is not ("seed" or "mode")).Select(e => $"{e.Key}={e.Value.Canonical}").Order();

    [Property(MaxTest = 25)]
    public bool The_promoted_experiment_trains_the_chosen_trial_but_for_the_seed(int seed, byte choice)
    {
        var dir = Directory.CreateTempSubdirectory("hypergrid-promote-").FullName;
        try
        {
            var cfg = Path.Combine(dir, "cfg");
            WriteTree(cfg, new Random(seed));
            var options = new ExpandOptions(cfg, Path.Combine(dir, "out"), new Filters([Config.Tree.Modes.Sweep]), DryRun: true) { Schema = TrialSchema.Instance };
            var trials = Expander.Expand(options).Single().Trials;
            var trial = trials[choice % trials.Count];
            var text = Promoter.Render(cfg, trial.Id, trial.Config, null, TrialSchema.Instance, "test");
            Directory.CreateDirectory(Path.Combine(cfg, "experiment/synthetic/mlp/adam"));
            File.WriteAllText(Path.Combine(cfg, "experiment/synthetic/mlp/adam/cfg.yaml"), text);
            var promoted = Expander.Expand(options with { Filters = new Filters([Config.Tree.Modes.Experiment]) }).Single().Trials;
            var want = Effective(trial.Config).ToList();
            if (promoted.Count < 2) throw new Xunit.Sdk.XunitException($"expected several seeds, got {promoted.Count}:\n{text}");
            foreach (var t in promoted)
                if (!Effective(t.Config).SequenceEqual(want))
                    throw new Xunit.Sdk.XunitException($"{string.Join(", ", Effective(t.Config).Except(want))} instead of {string.Join(", ", want.Except(Effective(t.Config)))}\n{text}");
            return true;
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
