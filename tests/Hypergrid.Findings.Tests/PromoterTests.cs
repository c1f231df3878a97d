using Hypergrid.Config.Expansion;
using Hypergrid.Config.Yaml;
using Hypergrid.Training;
using Hypergrid.Trials;

namespace Hypergrid.Findings.Tests;

/// <summary>Promote carries a program's trial into an experiment that runs the same program with the same values and checks.</summary>
public sealed class PromoterTests : IDisposable
{
    private readonly string cfg = Directory.CreateTempSubdirectory("hypergrid-promote-").FullName;

    public void Dispose() => Directory.Delete(cfg, true);

    [Theory]
    [InlineData("params: {lr: float, gamma: {type: float, default: 0.7}}\nlr: 1.0\n")]
    [InlineData("lr: 2.0\nschedule: {kind: cosine, warmup: 5}\n")]
    [InlineData("code: [train.py, 'lib/**/*.py']\nstop_grace_seconds: 20\nlr: 0.5\n")]
    public void A_programs_declaration_and_mapping_values_are_written_as_yaml_that_reads_back_as_the_values_the_sweep_ran(string values)
    {
        File.WriteAllText(Path.Combine(cfg, "cfg.yaml"), "seed: 0\n"); // the experiment inherits neither the command nor the values
        var source = TrialConfig.FromMap(YamlLoader.LoadMapping("mode: sweep\ndataset: d\nmodel: m\ntrainer: t\nseed: 0\ncommand: python3 train.py\n" + values, "t", [])!, "t");
        var text = Promoter.Render(cfg, new TrialId("sweep", "d", "m", "t", 0), source, [0, 1], TrialSchema.Instance, "chosen");
        var errors = new List<Hypergrid.Config.ConfigError>();
        var promoted = YamlLoader.LoadMapping(text, "promoted", errors);
        Assert.True(promoted is not null && errors.Count == 0, text);
        var effective = TrialSchema.Instance.Effective(source);
        foreach (var e in effective.Entries.Where(e => e.Key is not ("mode" or "dataset" or "model" or "trainer" or "seed")))
            Assert.True(promoted[e.Key]?.Canonical == e.Value.Canonical, $"{e.Key}: {e.Value.Canonical} was promoted as:\n{text}");
    }
}
