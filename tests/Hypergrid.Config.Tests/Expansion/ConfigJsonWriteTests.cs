using System.Text.Json;
using Hypergrid.Config.Expansion;
using Hypergrid.Config.Yaml;

namespace Hypergrid.Config.Tests.Expansion;

/// <summary>
/// A config written straight to JSON (ConfigJson.Write, what the trial list keeps) is byte for byte what its nodes
/// (ConfigJson.From) write: every kind of value, the ones JSON spells differently included.
/// </summary>
public sealed class ConfigJsonWriteTests
{
    private static string ByNodes(CfgNode node)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream)) { if (ConfigJson.From(node) is { } n) n.WriteTo(w); else w.WriteNullValue(); }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string Written(CfgNode node)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream)) ConfigJson.Write(w, node);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static CfgMap Map(string yaml)
    {
        var errors = new List<ConfigError>();
        return YamlLoader.LoadMapping(yaml, "x.yaml", errors)!;
    }

    [Theory]
    [InlineData("seed: 0\nlr: 1e-3\nhidden: [64, 32]\n")]
    [InlineData("whole: 1.0\nbig: 1e20\nneg: -2.0\nzero: -0.0\nsmall: 1e-300\nhex: 0x1F\noct: 0o17\nplus: +5\n")]
    [InlineData("huge: 123456789012345678901234567890\ninf: .inf\nninf: -.inf\nnan: .nan\n")]
    [InlineData("t: true\nf: False\nn: null\ntilde: ~\nempty:\n")]
    [InlineData("s: \"<b>caf\u00e9 \\\"q\\\" & 'x'</b>\"\nplain: a b\nyes: yes\nnum_text: \"12\"\n")]
    [InlineData("nested:\n  a: [1, [2.0, x], {b: null}]\n  c: {}\nlist: []\n")]
    [InlineData("slurm:\n  partition: gpu\n  time: \"01:00:00\"\ncommand: \"python3 train.py --lr {lr}\"\n")]
    public void A_config_written_straight_to_JSON_is_what_its_nodes_write(string yaml)
    {
        var map = Map(yaml);
        Assert.Equal(ByNodes(map), Written(map));
    }

    [Fact]
    public void A_key_twice_keeps_its_first_place_and_last_value_as_the_nodes_do()
    {
        var mark = new SourceMark("x", 1, 1);
        var map = new CfgMap([new CfgEntry("a", CfgScalar.Plain("1", mark), mark), new CfgEntry("b", CfgScalar.Plain("2", mark), mark), new CfgEntry("a", CfgScalar.Plain("3", mark), mark)], mark);
        Assert.Equal("{\"a\":3,\"b\":2}", Written(map));
        Assert.Equal(ByNodes(map), Written(map));
    }
}
