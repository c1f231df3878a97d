using Hypergrid.Config;
using Hypergrid.Config.Expansion;
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
    /// <summary>Minutes between checkpoints within an epoch (0: only at epoch ends and on a stop request).</summary>
    public double CheckpointMinutes { get; init; } = 10;

    /// <summary>Keep checkpoint.bin after the trial completes (it is removed by default: model.safetensors holds the weights).</summary>
    public bool KeepCheckpoint { get; init; }

    /// <summary>Successive halving over the leaf's grid (null: the trial trains to the end).</summary>
    public Config.Search.SearchSpec? Search { get; init; }

    /// <summary>The time between checkpoints within an epoch.</summary>
    public TimeSpan CheckpointEvery => CheckpointMinutes > 0 ? TimeSpan.FromMinutes(CheckpointMinutes) : TimeSpan.MaxValue;

    /// <summary>Optional per-batch metrics a config may list in batch_metrics.</summary>
    public static readonly string[] OptionalMetrics = ["grad_norm", "error", "iter"];

    /// <summary>Metrics every trial logs; batch_metrics may name them (it changes nothing).</summary>
    public static readonly string[] AlwaysLogged = ["loss", "acc"];

    /// <summary>Keys read by the runner and launchers rather than by a component.</summary>
    private static readonly string[] StructuralKeys = ["mode", "slurm", Config.Search.SearchSpec.Key, Config.Search.SeedsSpec.Key, Config.Devices.GpuRequest.Key];

    /// <summary>
    /// Checks a resolved trial config and builds what trains it; every problem is collected in <paramref name="errors"/>.
    /// <paramref name="normalized"/> is the config with each value in its declared type.
    /// </summary>
    public static TrialSpec? Parse(TrialConfig config, List<ConfigError> errors, out TrialConfig normalized) =>
        Parse(config, errors, out normalized, out _);

    /// <summary>As <see cref="Parse(TrialConfig, List{ConfigError}, out TrialConfig)"/>, also giving the whole effective config (every default written out).</summary>
    public static TrialSpec? Parse(TrialConfig config, List<ConfigError> errors, out TrialConfig normalized, out TrialConfig effective)
    {
        var r = new ConfigReader(config);
        foreach (var key in StructuralKeys) r.Allow(key);
        var dataset = r.String("dataset", "");
        var model = r.String("model", "");
        var trainer = r.String("trainer", "");
        var seed = r.Int("seed", 0, min: 0);                                                 // trial seed: weights, shuffling, dropout
        var device = r.String("device", "cpu", Devices.Names);                               // where to train: cpu, or cuda in a CUDA build
        var metrics = r.Words("batch_metrics", [], [.. OptionalMetrics, .. AlwaysLogged]).ToHashSet();            // optional per-batch metrics
        var checkpointMinutes = r.Double("checkpoint_minutes", 10, min: 0, max: 1e6);        // minutes between checkpoints within an epoch (0: epoch ends only)
        var keepCheckpoint = r.Bool("keep_checkpoint", false);                              // keep checkpoint.bin once the trial is complete

        var data = Lookup(Datasets.All, dataset, r)?.Invoke(r);
        var modelFactory = Lookup(Models.Models.All, model, r)?.Invoke(r);
        // A trainer folder may carry a label after '@' (adam@lr=0.01: several experiment leaves of one trainer side by side).
        var trainerFactory = Lookup(Trainers.Trainers.All, Config.Tree.TrainerFolder.Trainer(trainer), r)?.Invoke(r);
        if (data is not null && modelFactory?.Unsuitable(data.Shape) is { } why)
            r.Problem("model", $"is '{model}', which {why}", $"pick another model for dataset '{dataset}'");
        if (Devices.Unavailable(device) is { } missing) r.Problem("device", missing.Problem, missing.Hint);
        // With a component unknown, its keys look unknown too: that would bury the one real mistake.
        if (data is not null && modelFactory is not null && trainerFactory is not null)
            r.RejectUnknownKeys($"the '{dataset}' dataset, '{model}' model and '{trainer}' trainer");
        // search: its own checks ran with the leaf; here its last rung meets the epochs the trainer defaults to.
        var search = Config.Search.SearchSpec.Parse(config[Config.Search.SearchSpec.Key], (config["mode"] as Config.Yaml.CfgScalar)?.Text ?? "", null, []);
        if (search is not null && trainerFactory is not null && search.Rungs[^1] >= trainerFactory.Settings.Epochs)
            r.Problem(Config.Search.SearchSpec.Key, $"has its last rung at epoch {search.Rungs[^1]}, but the trials train {trainerFactory.Settings.Epochs} epochs",
                $"make every rung less than {trainerFactory.Settings.Epochs}, or set epochs");
        errors.AddRange(r.Errors);
        normalized = r.Normalized;
        effective = r.WithDefaults;
        if (r.Errors.Count > 0 || data is null || modelFactory is null || trainerFactory is null) return null;
        return new TrialSpec(dataset, model, trainer, seed, device, metrics, data, modelFactory, trainerFactory)
        {
            CheckpointMinutes = checkpointMinutes,
            KeepCheckpoint = keepCheckpoint,
            Search = search,
        };
    }

    private static T? Lookup<T>(Registry<T> registry, string name, ConfigReader r) where T : class
    {
        if (registry.Contains(name)) return registry[name];
        r.Problem(registry.Kind, $"is '{name}', which no {registry.Kind} is registered as",
            $"rename its folder under cfg/ to one of: {string.Join(", ", registry.Names)} (or register a new {registry.Kind})"
                + (registry.Kind == "trainer" ? $", optionally with a label after '{Config.Tree.TrainerFolder.LabelSeparator}' (adam@wide)" : ""));
        return null;
    }
}
