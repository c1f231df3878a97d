using System.Text.Json;
using Hypergrid.Config;
using Hypergrid.Config.Expansion;
using Hypergrid.Config.Yaml;
using Hypergrid.Dashboard.Api;
using Hypergrid.Dashboard.Trials;
using Hypergrid.Trials;

namespace Hypergrid.Dashboard.Tests.Api;

/// <summary>
/// The trial list reads a cfg.yaml in the expander's form without a YAML parser (and finds folders under out/log with one
/// lstat each): on trials of every kind its answer is the one the YAML loader and a full path check give.
/// </summary>
public sealed class TrialListFastPathTests : IDisposable
{
    private readonly LogTree tree = new();

    public void Dispose() => tree.Dispose();

    // As the expander writes it: a comment naming its sources, then the keys.
    private void Rendered(string dir, string body)
    {
        var file = Path.Combine(dir, TrialFiles.Config);
        var config = TrialConfig.FromMap(YamlLoader.LoadMapping(File.ReadAllText(file) + body, "x", [])!, "x");
        File.WriteAllText(file, config.Render(["cfg/cfg.yaml", "cfg/sweep/cfg.yaml"]));
    }

    private void Varied()
    {
        const string leaf = "sweep/mnist/mlp/adam/";
        Rendered(tree.AddComplete(leaf + "trial_000", "seed: 0\nlr: 1e-3\n", 1, 2), "");
        var stale = tree.AddComplete(leaf + "trial_001", "seed: 1\nlr: 0.001\n", 1, 2);
        Rendered(stale, "hidden: [64, 32]\n"); // its config changed since it ran
        var program = tree.AddComplete("sweep/mnist/prog/none/trial_000", "seed: 0\ncommand: \"python3 train.py --lr {lr} --out x:y\"\nlr: 0.1\n", 1, 2);
        Rendered(program, "");
        Rendered(tree.AddRunning(leaf + "trial_002", "seed: 2\nlr: 0.01\n", 1, 2), "");
        Rendered(tree.AddPaused(leaf + "trial_003", "seed: 3\nlr: 0.02\n", 1, 3, 2), "");
        Rendered(tree.AddInterrupted(leaf + "trial_004", "seed: 4\nlr: .inf\n", 2, 10), "");
        var failed = tree.AddTrial(leaf + "trial_005", "seed: 5\nlr: -0.5\nname: \"a # b\"\n");
        Rendered(failed, "slurm:\n  partition: gpu\n  time: \"01:00:00\"\n");
        new RunRecord { Status = RunStatus.Failed, Error = "exit code 1" }.Write(failed);
        var damaged = tree.AddComplete(leaf + "trial_006", "seed: 6\nlr: 0.5\n", 1, 2);
        File.WriteAllText(Path.Combine(damaged, TrialFiles.Run), "{\"status\": \"compl"); // a damaged run.json
        var emptyLog = tree.AddComplete(leaf + "trial_007", "seed: 7\nlr: 0.25\n", 1, 2);
        File.WriteAllText(Path.Combine(emptyLog, TrialFiles.BatchLog), "");
        // Written by hand: comments, a block list, a quoted key; and one that is not YAML at all.
        tree.AddTrial(leaf + "trial_008", "# tuned by hand\nseed: 8   # the seed\nhidden:\n  - 16\n  - 8\n\"lr\": 0.3\n");
        tree.AddTrial(leaf + "trial_009", "seed: [9\n");
        tree.AddTrial(leaf + "trial_010", "seed: 10\nlr: 1e-5\ntags: [a, \"b, c\", -1]\nempty: {}\nnone: []\n");
    }

    // The old way, trial by trial: the YAML loader's config and the record read against its hash.
    private Dictionary<string, string> ByLoader()
    {
        var answer = new Dictionary<string, string>();
        foreach (var dir in TrialFolders.Under(tree.Log))
        {
            var id = TrialId.FromDirectory(dir);
            var file = Path.GetRelativePath(tree.Log, dir) + "/" + TrialFiles.Config;
            var map = YamlLoader.LoadMapping(File.ReadAllText(Path.Combine(dir, TrialFiles.Config)), file, new List<ConfigError>());
            var config = map is null ? null : TrialConfig.FromMap(map, file);
            var record = TrialRecord.Read(dir, id, config is null ? _ => null : ResultHash.Current(config, null));
            answer[id.ToString()] = Shown(record, record.TrainedConfig ?? config?.ToJson());
        }
        return answer;
    }

    private static string Shown(TrialRecord r, System.Text.Json.Nodes.JsonObject? config) =>
        JsonSerializer.Serialize(new { state = r.State.Name(), r.Note, r.Error, r.ResumesAt, config = config?.ToJsonString() });

    [Fact]
    public void Trials_of_every_kind_are_listed_as_the_yaml_loader_reads_them()
    {
        Varied();
        var expected = ByLoader();
        var listed = new TrialScanner(tree.Log).Scan().ToDictionary(t => t.Record.Id.ToString(), t => Shown(t.Record, t.Config?.Node));
        Assert.Equal(expected.Count, listed.Count);
        foreach (var (path, shown) in expected) Assert.Equal((path, shown), (path, listed[path]));
        // The kinds the test means to cover are there.
        var states = listed.Values.Select(v => JsonDocument.Parse(v).RootElement.GetProperty("state").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "complete", "stale", "running", "paused", "pending", "failed", "damaged" }, states);
    }

    [Fact]
    public void A_study_whose_cfg_files_are_all_hand_written_is_listed_the_same()
    {
        // Every cfg.yaml outside the written form (a comment after a value): every one through the loader.
        for (var i = 0; i < 6; i++)
            tree.AddComplete($"sweep/mnist/mlp/adam/trial_{i:D3}", $"seed: {i}   # seed\nlr: {i}e-3\n", 1, 2);
        var expected = ByLoader();
        var listed = new TrialScanner(tree.Log).Scan().ToDictionary(t => t.Record.Id.ToString(), t => Shown(t.Record, t.Config?.Node));
        Assert.Equal(expected, listed);
    }

    // The answer's shape as the serializer wrote it before the list was written field by field.
    private static object Shape(TrialRecord r, System.Text.Json.Nodes.JsonObject? config, string? log, Dictionary<string, double?> final)
    {
        var run = r.Run;
        return new
        {
            path = r.Id.ToString(), mode = r.Id.Mode, dataset = r.Id.Dataset, model = r.Id.Model, trainer = r.Id.Trainer, trial = r.Id.Folder,
            state = r.State.Name(), note = r.Note, resumesAt = r.ResumesAt, config,
            dataSource = run?.Data?.Source, trainSamples = run?.Data?.TrainSamples, valSamples = run?.Data?.ValSamples,
            code = run?.Code?.Sha256 is null ? null : run.Code.Short,
            final, seconds = run?.Seconds, error = r.Error, log,
            gpus = run?.Gpus,
        };
    }

    [Fact]
    public void The_list_written_field_by_field_is_byte_for_byte_what_the_serializer_wrote()
    {
        Varied();
        // Values a writer must escape or spell as strings: NaN and infinities, quotes, markup, non-ASCII; a program's code and GPUs.
        var odd = tree.AddTrial("sweep/mnist/prog/none/trial_001", "seed: 1\nname: \"<b>caf\u00e9 \\\"q\\\" & 'x'</b>\"\nlr: 1e-300\n");
        File.WriteAllText(Path.Combine(odd, TrialFiles.BatchLog), LogTree.BatchLog(1, 1, 2, 1.0));
        new RunRecord
        {
            Status = RunStatus.Complete, Seconds = 0.1 + 0.2, Gpus = ["0", "1"],
            Code = new Hypergrid.Trials.Code.CodeRecord { Sha256 = new string('a', 64) },
            Data = new DataRecord("d\u00e9", "<src>", 3, 4, "c"),
            Final = new() { ["val_loss"] = double.NaN, ["train_loss"] = double.PositiveInfinity, ["low"] = double.NegativeInfinity, ["val_acc"] = 1e-7, ["none"] = null },
        }.Write(odd);
        TrialListMetric[] metrics = [new("loss", "mean", "a <mean> & more \"q\" caf\u00e9"), new("x", "last", null)];
        var trials = new TrialScanner(tree.Log).Scan();
        var before = JsonSerializer.SerializeToUtf8Bytes(new { root = tree.Log, metrics, resultStates = new[] { "complete", "other-code" }, trials = trials.Select(t => Shape(t.Record, t.Config?.Node, t.Log, t.Final)) }, TrialListJson.Options);
        Assert.Equal(System.Text.Encoding.UTF8.GetString(before), System.Text.Encoding.UTF8.GetString(TrialListJson.Write(tree.Log, metrics, trials)));
        Assert.Contains("\"NaN\"", System.Text.Encoding.UTF8.GetString(before)); // the odd values are in it
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(40)] // more parts than trials: empty parts add nothing
    public void The_list_written_in_parts_on_several_cores_is_byte_for_byte_the_list_written_in_one(int parts)
    {
        Varied();
        TrialListMetric[] metrics = [new("loss", "mean", "m")];
        var trials = new TrialScanner(tree.Log).Scan();
        Assert.True(trials.Count >= 10);
        var one = System.Text.Encoding.UTF8.GetString(TrialListJson.Write(tree.Log, metrics, trials, 1));
        Assert.Equal(one, System.Text.Encoding.UTF8.GetString(TrialListJson.Write(tree.Log, metrics, trials, parts)));
        Assert.Equal(trials.Count, JsonDocument.Parse(one).RootElement.GetProperty("trials").GetArrayLength());
    }

    [Fact]
    public void An_empty_list_written_in_parts_is_an_empty_array() =>
        Assert.Equal("{\"root\":\"r\",\"metrics\":[],\"resultStates\":[\"complete\",\"other-code\"],\"trials\":[]}", System.Text.Encoding.UTF8.GetString(TrialListJson.Write("r", [], [], 3)));
}
