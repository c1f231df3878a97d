using Hypergrid.Config;
using Hypergrid.Config.Yaml;
using Hypergrid.Training.Data;
using Hypergrid.Training.Models;
using Hypergrid.Training.Settings;
using Hypergrid.Training.Trainers;

namespace Hypergrid.Training;

/// <summary>A trial's resolved config checked against the registries: everything needed to train it.</summary>
public sealed record TrialSpec(
    string Dataset, string Model, string Trainer, long Seed, string Device, IReadOnlySet<string> BatchMetrics,
    IDataSource Data, IModelFactory ModelFactory, ITrainerFactory TrainerFactory)
{
    /// <summary>Optional per-batch metrics a config may list in batch_metrics.</summary>
    public static readonly string[] OptionalMetrics = ["grad_norm", "error", "iter"];

    /// <summary>Keys read by the runner and launchers rather than by a component.</summary>
    private static readonly string[] StructuralKeys = ["mode", "dataset", "model", "trainer", "slurm"];

    /// <summary>Parses and validates a resolved trial config; every problem is collected in <paramref name="errors"/>.</summary>
    public static TrialSpec? Parse(CfgMap config, string file, List<ConfigError> errors)
    {
        var r = new ConfigReader(config, file);
        foreach (var key in StructuralKeys) r.Allow(key);
        var dataset = r.String("dataset", "");
        var model = r.String("model", "");
        var trainer = r.String("trainer", "");
        var seed = r.Int("seed", 0, min: 0);                                                 // trial seed: weights, shuffling, dropout
        var device = r.String("device", "cpu", "cpu", "cuda");                               // where to train
        var metrics = r.Words("batch_metrics", [], OptionalMetrics).ToHashSet();            // optional per-batch metrics

        var data = Lookup(Datasets.All, dataset, r)?.Invoke(r);
        var modelFactory = Lookup(Models.Models.All, model, r)?.Invoke(r);
        var trainerFactory = Lookup(Trainers.Trainers.All, trainer, r)?.Invoke(r);
        if (data is not null && modelFactory?.Unsuitable(data.Shape) is { } why)
            r.Problem("model", $"is '{model}', which {why}", $"pick another model for dataset '{dataset}'");
        if (device == "cuda" && !CudaAvailable())
            r.Problem("device", "is 'cuda', but CUDA is not available on this machine (this build of Hypergrid uses TorchSharp-cpu)",
                "set device: cpu, or run on a machine with an NVIDIA GPU and the TorchSharp-cuda package");
        r.RejectUnknownKeys($"the '{dataset}' dataset, '{model}' model and '{trainer}' trainer");
        errors.AddRange(r.Errors);
        if (r.Errors.Count > 0 || data is null || modelFactory is null || trainerFactory is null) return null;
        return new TrialSpec(dataset, model, trainer, seed, device, metrics, data, modelFactory, trainerFactory);
    }

    private static T? Lookup<T>(Registry<T> registry, string name, ConfigReader r) where T : class
    {
        if (registry.Contains(name)) return registry[name];
        r.Problem(registry.Kind, $"is '{name}', which no {registry.Kind} is registered as",
            $"rename its folder under cfg/ to one of: {string.Join(", ", registry.Names)} (or register a new {registry.Kind})");
        return null;
    }

    // Only called when a config asks for cuda, so a cpu-only run never pays for loading libtorch here.
    private static bool CudaAvailable()
    {
        Native.LibTorchLoader.EnsureLoaded();
        return TorchSharp.torch.cuda.is_available();
    }
}
