using System.Text;
using Hypergrid.Config.Expansion;
using Hypergrid.Config.Yaml;

namespace Hypergrid.Config.Tests.Yaml;

public class CanonicalYamlTests
{
    private static CfgMap Loaded(string text)
    {
        var errors = new List<ConfigError>();
        var map = YamlLoader.LoadMapping(text, "t/cfg.yaml", errors);
        Assert.True(errors.Count == 0, string.Join("; ", errors));
        return map!;
    }

    // Everything the loader's answer holds: keys, texts, kinds and every mark.
    private static string Dump(CfgNode node) => node switch
    {
        CfgMap m => $"{{{m.Mark} " + string.Join(", ", m.Entries.Select(e => $"{e.Key}@{e.KeyMark}={Dump(e.Value)}")) + "}",
        CfgList l => $"[{l.Mark} " + string.Join(", ", l.Items.Select(Dump)) + "]",
        CfgScalar s => $"{s.Kind}:{s.Text}@{s.Mark}",
        _ => throw new InvalidOperationException(),
    };

    private static readonly string[] Written =
    [
        "seed: 0\nlr: 0.001\n",
        "mode: sweep\ndataset: mnist\nmodel: mlp\ntrainer: adam\nseed: 2\nlr: 1e-05\nhidden: [7]\n",
        "lr: -0.5\nwd: .inf\nlow: -.inf\nodd: .nan\nbig: 12345678901234567890\nflag: true\noff: False\nnothing: null\nname: yes\n",
        "hidden: [64, 32, 16]\nnames: [a, \"b c: d\", \"x, y\", -1]\nnone: []\nempty: {}\n",
        "command: \"python3 train.py --lr {lr}\"\npath: data/mnist@v2\nnote: \"a # not a comment\"\nweird: \"[not, a, list]\"\n",
        "model: mlp\nlayers:\n  width: 64\n  act: relu\n  inner:\n    deep: [1, 2]\n    deeper: x\nafter: 1\n",
        "slurm:\n  partition: gpu\n  time: \"01:00:00\"\n",
    ];

    [Fact]
    public void A_config_as_the_writer_renders_it_reads_as_the_yaml_loader_reads_it_marks_included()
    {
        foreach (var source in Written)
        {
            var rendered = TrialConfig.FromMap(Loaded(source), "t/cfg.yaml").Render(["cfg/cfg.yaml", "cfg/sweep/cfg.yaml"]);
            var fast = CanonicalYaml.TryRead(rendered, "t/cfg.yaml");
            Assert.True(fast is not null, rendered);
            Assert.Equal(Dump(Loaded(rendered)), Dump(fast));
        }
    }

    [Theory]
    [InlineData("a: 1 # comment\n")]
    [InlineData("\"a\": 1\n")]
    [InlineData("a:\n- 1\n- 2\n")]
    [InlineData("a: &x 1\nb: *x\n")]
    [InlineData("a: 'single'\n")]
    [InlineData("a: \"esc\\\"aped\"\n")]
    [InlineData("a: 1\r\nb: 2\r\n")]
    [InlineData("\uFEFFa: 1\n")]
    [InlineData("a:\t1\n")]
    [InlineData("a: 1\na: 2\n")]
    [InlineData("k0: 0\nk1: 1\nk2: 2\nk3: 3\nk4: 4\nk2: 9\n")] // a key twice among a few (compared one by one)
    [InlineData("k0: 0\nk1: 1\nk2: 2\nk3: 3\nk4: 4\nk5: 5\nk6: 6\nk7: 7\nk8: 8\nk9: 9\nk10: 10\nk11: 11\nk12: 12\nk13: 13\nk14: 14\nk15: 15\nk16: 16\nk17: 17\nk18: 18\nk19: 19\nk3: 9\n")] // a key twice among many (by a set)
    [InlineData("k0: 0\nk1: 1\nk2: 2\nk3: 3\nk4: 4\nk5: 5\nk6: 6\nk7: 7\nk8: 8\nk9: 9\nk10: 10\nk11: 11\nk12: 12\nk13: 13\nk14: 14\nk15: 15\nk16: 16\nk17: 17\nk18: 18\nk19: 19\nk19: 9\n")]
    [InlineData("a:\n  b: 1\n  b: 2\n")] // twice in a nested block
    [InlineData("a:\nb: 1\n")]
    [InlineData("a: [[1], 2]\n")]
    [InlineData("a: {b: 1}\n")]
    [InlineData("a: 1\n\nb: 2\n")]
    [InlineData("---\na: 1\n")]
    [InlineData("a: 1\n---\nb: 2\n")]
    [InlineData("a: caf\u00e9\n")]
    [InlineData("a: x  y\n")]
    [InlineData("a: !!str 1\n")]
    [InlineData("a:  1\n")]
    [InlineData(" a: 1\n")]
    [InlineData("a:\n  b: 1\n c: 2\n")]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    public void Anything_outside_the_written_form_is_left_to_the_yaml_loader(string text)
    {
        Assert.Null(CanonicalYaml.TryRead(text, "t/cfg.yaml"));
    }

    [Fact]
    public void Whatever_it_reads_from_random_lines_is_what_the_loader_reads()
    {
        // Lines from pieces the writer uses and pieces it never does: each text is either declined or read exactly.
        string[] keys = ["a", "b_2", "c.d", "e-f", "\"g\"", "-h", "<<", "i j"];
        string[] values = ["1", "-2", "0x1F", "1e3", ".5", "null", "~", "true", "yes", "x y", "x  y", "\"q: r\"", "\"s\\\"t\"", "'u'", "[1, a]", "[1,a]", "[]", "{}",
                           "[\"v, w\"]", "[x, [y]]", "&a 1", "*a", "z # c", "a:b", "@at", "/p/q", "{a: 1}", "[a, ]", "", " 3", "!t x", "%d", "`b`", "- 1"];
        var random = new Random(31);
        var read = 0;
        for (var n = 0; n < 8000; n++)
        {
            var sb = new StringBuilder();
            if (random.Next(4) == 0) sb.Append("# a comment\n");
            var lines = random.Next(1, 6);
            for (var l = 0; l < lines; l++)
            {
                var indent = random.Next(6) == 0 ? "  " : "";
                var key = keys[random.Next(random.Next(3) == 0 ? keys.Length : 4)];
                sb.Append(indent).Append(key).Append(':');
                if (random.Next(6) == 0) AppendBlock(sb, random, keys, values);
                else sb.Append(' ').Append(values[random.Next(values.Length)]);
                sb.Append('\n');
            }
            var text = sb.ToString();
            var fast = CanonicalYaml.TryRead(text, "t/cfg.yaml");
            if (fast is null) continue;
            read++;
            var errors = new List<ConfigError>();
            var slow = YamlLoader.LoadMapping(text, "t/cfg.yaml", errors);
            Assert.True(errors.Count == 0 && slow is not null, text + string.Join("; ", errors));
            Assert.Equal(Dump(slow!), Dump(fast));
        }
        Assert.True(read > 300, $"only {read} texts were in the written form: the test proves little");

        static void AppendBlock(StringBuilder sb, Random random, string[] keys, string[] values)
        {
            for (var i = 0; i < random.Next(1, 3); i++) sb.Append("\n    ").Append(keys[random.Next(4)]).Append(": ").Append(values[random.Next(values.Length)]);
        }
    }
}
