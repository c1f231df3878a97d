using Hypergrid.Config;
using Hypergrid.Config.Expansion;
using Hypergrid.Running;

using Hypergrid.Tests;

namespace Hypergrid.Running.Tests;

public class SlurmSettingsTests
{
    private static IReadOnlyList<Trial> Trials(params string[] leafYaml)
    {
        using var tree = new Study();
        for (var i = 0; i < leafYaml.Length; i++) tree.Write($"sweep/synthetic/mlp/t{i}", "seed: 0\n" + leafYaml[i]);
        return Expander.Expand(new ExpandOptions(Path.Combine(tree.Root, "cfg"), Path.Combine(tree.Root, "out"), DryRun: true)).SelectMany(l => l.Trials).ToList();
    }

    [Fact]
    public void Settings_come_from_the_config_and_flags_win()
    {
        var trials = Trials("slurm: {partition: gpu, time: '1:00:00', cpus_per_task: 4, tasks: 8}\n");
        var s = new SlurmSettings(Partition: "debug").Resolve(trials);
        Assert.Equal(("debug", "1:00:00", 4, 8), (s.Partition, s.Time, s.CpusPerTask, s.Tasks));
    }

    [Fact]
    public void Trials_that_disagree_on_a_setting_or_name_an_unknown_one_are_errors()
    {
        var trials = Trials("slurm: {partition: gpu}\n", "slurm: {partition: cpu, walltime: 5}\n");
        var ex = Assert.Throws<ConfigException>(() => new SlurmSettings().Resolve(trials));
        Assert.Contains(ex.Errors, e => e.Key == "slurm.partition" && e.Problem.Contains("'cpu' here but 'gpu'"));
        Assert.Contains(ex.Errors, e => e.Key == "slurm.walltime");
    }

    [Fact]
    public void A_slurm_list_would_be_an_axis_so_a_mapping_is_required()
    {
        var trials = Trials("slurm: gpu\n");
        Assert.Contains("not a mapping", Assert.Throws<ConfigException>(() => new SlurmSettings().Resolve(trials)).Message);
    }
}
