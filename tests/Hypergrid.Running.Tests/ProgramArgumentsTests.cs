using Hypergrid.Tests;

namespace Hypergrid.Running.Tests;

/// <summary>
/// What the kernel cannot pass to a program is an expansion error at its cfg/ line, through the real CLI: a NUL in a
/// placeholder's value (it cut the argument short and the trial completed), an argument or HYPERGRID_CONFIG_JSON over
/// 128 KiB and arguments with environment over ARG_MAX (every run failed with "Argument list too long").
/// </summary>
public class ProgramArgumentsTests
{
    private const string Leaf = "sweep/clusters/softmax/sgd";

    private static Study Program(string command, string leaf) => new Study()
        .WriteFile("prog.py", "import os\nopen(os.environ['HYPERGRID_BATCH_LOG'], 'a').write('epoch,mode,batch,loss\\n1,val,0,0.5\\n')\n")
        .Write("", $"command: {command}\nseed: 0\n").Write(Leaf, leaf);

    private static void AssertRefused(Study study, string key, params string[] said)
    {
        foreach (var verb in new[] { "expand", "sweep" })
        {
            var (code, output) = study.Run(verb);
            Assert.True(code == 2, output);
            Assert.Contains($"cfg/{Leaf}/cfg.yaml:", output);
            Assert.Contains($"key '{key}'", output);
            foreach (var s in said) Assert.Contains(s, output);
            Assert.True(output.Length < 5000, "the message echoes the value whole");
        }
        Assert.False(Directory.Exists(study.Log), "nothing is written");
    }

    [Theory]
    [InlineData("python3 prog.py {name}", "name: \"run\\0one\"\n", "name")]          // the whole argument is the value
    [InlineData("python3 prog.py --tag=x{tag}y", "tag: [\"a\\0b\", c]\n", "tag")]      // inside an argument, on an axis
    public void A_nul_in_a_placeholders_value_is_an_expansion_error_at_its_line(string command, string leaf, string key)
    {
        using var study = Program(command, leaf);
        AssertRefused(study, key, "NUL");
    }

    [Theory]
    [InlineData("python3 prog.py {big}", "argument of the command")]       // the value goes into an argument
    [InlineData("python3 prog.py", "HYPERGRID_CONFIG_JSON")]               // only into HYPERGRID_CONFIG_JSON
    public void A_value_over_128_KiB_is_an_expansion_error_naming_the_key_and_the_size(string command, string where)
    {
        using var study = Program(command, $"big: {new string('x', 140_000)}\n");
        AssertRefused(study, "big", where, "140,", "131,072", "in a file");
    }

    [Fact]
    public void Arguments_over_ARG_MAX_are_an_expansion_error_naming_the_key_and_the_size()
    {
        // Each argument and HYPERGRID_CONFIG_JSON are within 128 KiB; this many copies of the value are not within ARG_MAX.
        var limit = Hypergrid.Config.Programs.ProgramLimits.ArgMax;
        using var study = Program("python3 prog.py" + string.Concat(Enumerable.Repeat(" {big}", (int)(limit / 100_000) + 2)), $"big: {new string('x', 100_000)}\n");
        AssertRefused(study, "big", "ARG_MAX", limit.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
    }
}
