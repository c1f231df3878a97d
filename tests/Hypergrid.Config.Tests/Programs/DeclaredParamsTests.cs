using System.Text.Json.Nodes;
using Hypergrid.Config.Expansion;
using Hypergrid.Config.Programs;
using Hypergrid.Config.Yaml;

namespace Hypergrid.Config.Tests.Programs;

/// <summary>A program's declared parameters (params:) through expansion: keys checked, values typed, defaults effective.</summary>
public class DeclaredParamsTests
{
    private const string Root = "command: python3 train.py --lr {lr}\nseed: 0\n" +
        "params: {lr: float, batch_size: int, gamma: {type: float, default: 0.7}, optimizer: {choices: [adam, sgd]}, fast: bool}\n" +
        "batch_size: 32\noptimizer: adam\nfast: false\n";

    /// <summary>The program path of the registries' schema, as the CLI uses it.</summary>
    private sealed class Programs : IConfigSchema
    {
        public TrialConfig? Check(TrialConfig config, List<ConfigError> errors) => ProgramSchema.Check(config, errors);
        public TrialConfig Effective(TrialConfig config) => ProgramSchema.Effective(config);
    }

    private static IReadOnlyList<LeafExpansion> Expand(CfgTree tree) => Expander.Expand(tree.Options() with { Schema = new Programs() });

    private static IReadOnlyList<ConfigError> Fails(CfgTree tree)
    {
        var ex = Assert.Throws<ConfigException>(() => Expand(tree));
        Assert.Empty(tree.AllFilesUnderOut());
        return ex.Errors;
    }

    private static CfgTree Tree(string leaf) => new CfgTree().Write("", Root).Write("sweep/digits/cnn/adam", leaf);

    [Theory]
    [InlineData("lr: [1, 3]", "1.0", "3.0")]
    [InlineData("lr: [2, 0.5]", "2.0", "0.5")]
    public void An_int_given_to_a_float_parameter_is_a_float_in_cfg_yaml_the_command_and_the_config_json(string leaf, string first, string second)
    {
        using var tree = Tree(leaf);
        var trials = Expand(tree).Single().Trials;
        Assert.Contains($"lr: {first}\n", File.ReadAllText(tree.TrialFile("sweep/digits/cnn/adam", 0)));
        Assert.Equal(["python3", "train.py", "--lr", second], ProgramSchema.Arguments(trials[1].Config));
        Assert.Contains($"\"lr\":{first}", trials[0].Config.ToJson().ToJsonString());
    }

    [Theory]
    [InlineData("lr: 0.1\nbatch_size: \"32\"", "batch_size", "is \"32\", not a whole number")]
    [InlineData("lr: 0.1\nbatch_size: 32.0", "batch_size", "is 32.0, not a whole number")]
    [InlineData("lr: abc", "lr", "is abc, not a number")]
    [InlineData("lr: 0.1\nfast: 1", "fast", "is 1, not true or false")]
    [InlineData("lr: 0.1\noptimizer: 3", "optimizer", "is 3, not text")]
    [InlineData("lr: 0.1\noptimizer: rmsprop", "optimizer", "is rmsprop, not one of its choices [adam, sgd]")]
    [InlineData("lr: [0.1, yes]", "lr", "is yes, not a number")]
    public void A_value_that_does_not_fit_its_declared_type_is_an_error_at_its_line(string leaf, string key, string problem)
    {
        using var tree = Tree(leaf);
        var e = Assert.Single(Fails(tree));
        Assert.Equal(key, e.Key);
        Assert.Contains(problem, e.Problem);
        Assert.EndsWith(Path.Combine("adam", "cfg.yaml"), e.Where.File);
        Assert.True(e.Where.Line > 0);
        Assert.Contains("cfg.yaml:3:", e.Hint); // where the declaration is
    }

    [Theory]
    [InlineData("lr: 0.1\ngama: 0.9", "gama", "did you mean 'gamma'?")]
    [InlineData("lr: 0.1\nbatch_sise: [32, 64]", "batch_sise", "did you mean 'batch_size'?")]
    [InlineData("lr: 0.1\nwidth: 3", "width", "is not a declared parameter of the program")]
    public void A_key_neither_declared_nor_hypergrids_is_an_error_naming_the_nearest_declared_name(string leaf, string key, string problem)
    {
        using var tree = Tree(leaf);
        var e = Assert.Single(Fails(tree));
        Assert.Equal(key, e.Key);
        Assert.Contains(problem, e.Problem);
        Assert.Equal(2, e.Where.Line);
    }

    [Theory]
    [InlineData("comand: python3 x.py", "comand", "command")]
    [InlineData("serach: {method: halving}", "serach", "search")]
    [InlineData("stop_grace_secnds: 5", "stop_grace_secnds", "stop_grace_seconds")]
    [InlineData("seet: 3", "seet", "seed")]
    public void A_misspelled_key_of_hypergrids_is_named_with_its_spelling_with_or_without_a_declaration(string line, string key, string meant)
    {
        using var declared = Tree("lr: 0.1\n" + line);
        using var undeclared = new CfgTree().Write("", "command: python3 train.py\nseed: 0\n").Write("sweep/digits/cnn/adam", line);
        using var builtIn = new CfgTree().Write("", "seed: 0\n").Write("sweep/mnist/mlp/adam", line);
        foreach (var (tree, program) in new[] { (declared, true), (undeclared, true), (builtIn, false) })
        {
            var e = Assert.Single(Fails(tree));
            Assert.Equal(key, e.Key);
            Assert.Contains($"is not a key of Hypergrid's; did you mean '{meant}'?", e.Problem);
            Assert.Equal(program, e.Hint.Contains("declare it under params:")); // a built-in trial has no params to declare
        }
    }

    [Fact]
    public void Short_keys_and_declared_names_are_taken_as_written_not_as_misspellings()
    {
        using var tree = new CfgTree().Write("", "command: python3 train.py\nseed: 0\nlr: 0.1\nfc: 3\n").Write("sweep/digits/cnn/adam", "");
        Assert.Single(Expand(tree).Single().Trials);
        using var declared = new CfgTree().Write("", "command: python3 train.py\nseed: 0\nparams: {seedz: int}\nseedz: 3\n").Write("sweep/digits/cnn/adam", "");
        Assert.Single(Expand(declared).Single().Trials);
    }

    [Fact]
    public void A_default_is_the_value_of_a_trial_that_leaves_the_parameter_out_and_writing_it_out_is_the_same_trial()
    {
        using var tree = Tree("lr: 0.1");
        var left = Expand(tree).Single().Trials.Single().Config;
        Assert.Equal("0.7", left["gamma"]!.Canonical);
        Assert.Equal(0.7, left.ToJson()["gamma"]!.GetValue<double>());
        using var written = Tree("lr: 0.1\ngamma: 0.7");
        var explicitConfig = Expand(written).Single().Trials.Single().Config;
        Assert.Equal(ResultHash.Effective(left, new Programs()), ResultHash.Effective(explicitConfig, new Programs()));
        using var other = new CfgTree().Write("", Root.Replace("default: 0.7", "default: 0.8")).Write("sweep/digits/cnn/adam", "lr: 0.1");
        Assert.NotEqual(ResultHash.Effective(left, new Programs()), ResultHash.Effective(Expand(other).Single().Trials.Single().Config, new Programs()));
    }

    [Fact]
    public void A_cfg_yaml_read_back_without_its_defaults_has_them_as_effective_values()
    {
        using var tree = Tree("lr: 0.1");
        Expand(tree);
        var text = File.ReadAllText(tree.TrialFile("sweep/digits/cnn/adam", 0)).Replace("gamma: 0.7\n", "");
        var map = YamlLoader.LoadMapping(text, "cfg.yaml", [])!;
        var effective = ProgramSchema.Effective(TrialConfig.FromMap(map, "cfg.yaml"));
        Assert.Equal("0.7", effective["gamma"]!.Canonical);
    }

    [Theory]
    [InlineData("params: {lr: float}\n", "lr", "is declared without a default")]
    [InlineData("params: {lr: double}\nlr: 0.1\n", "params.lr", "has type 'double', which is not a type")]
    [InlineData("params: {lr: {type: float, min: 0}}\nlr: 0.1\n", "params.lr.min", "is not a setting of a declared parameter")]
    [InlineData("params: {command: str}\n", "params.command", "is a key of Hypergrid's own")]
    [InlineData("params: {opt: {choices: [adam, sgd], default: lion}}\n", "opt", "is lion, not one of its choices")]
    [InlineData("params: {opt: {}}\n", "params.opt", "has no type")]
    [InlineData("params: [lr]\n", "params", "not a mapping of parameter names to types")]
    public void A_mistake_in_a_declaration_is_an_error_at_its_line(string declaration, string key, string problem)
    {
        using var tree = new CfgTree().Write("", "command: python3 train.py\nseed: 0\n" + declaration).Write("sweep/digits/cnn/adam", "");
        var e = Assert.Single(Fails(tree));
        Assert.Equal(key, e.Key);
        Assert.Contains(problem, e.Problem);
    }

    [Fact]
    public void A_declaration_without_a_command_is_named_as_such()
    {
        using var tree = new CfgTree().Write("", "seed: 0\nparams: {lr: float}\nlr: 0.1\n").Write("sweep/mnist/mlp/adam", "");
        Assert.Contains(Fails(tree), e => e.Key == "params" && e.Problem.Contains("have no command"));
    }

    [Theory]
    [InlineData("--w {widht}", "widht")]
    [InlineData("--g {gama}", "gama")]
    public void With_a_declaration_a_placeholder_names_only_declared_parameters(string argument, string name)
    {
        using var tree = new CfgTree().Write("", Root.Replace("--lr {lr}", "--lr {lr} " + argument)).Write("sweep/digits/cnn/adam", "lr: 0.1");
        var e = Assert.Single(Fails(tree));
        Assert.Contains($"names {{{name}}}, which is not a declared parameter", e.Problem);
    }

    [Fact]
    public void A_placeholder_may_name_a_default_only_parameter_and_the_trials_seed_and_path()
    {
        using var tree = new CfgTree().Write("", Root.Replace("--lr {lr}", "--lr {lr} --g {gamma} --s {seed} --d {dataset}")).Write("sweep/digits/cnn/adam", "lr: 0.1");
        var trial = Expand(tree).Single().Trials.Single();
        Assert.Equal("python3 train.py --lr 0.1 --g 0.7 --s 0 --d digits", string.Join(' ', ProgramSchema.Arguments(trial.Config)));
    }

    [Theory]
    [InlineData("batch_sise: [32, 64]\nlr: 0.1", "batch_sise", "trial_000 and trial_001 run the same command")]
    [InlineData("lr: 0.1\nwidth: [1, 2, 3]", "width", "trial_000 and trial_001 and trial_002 run the same command")]
    [InlineData("depth: [1, 2]\nlr: [0.1, 0.2]", "depth", "trial_000 and trial_002 run the same command (and 1 more group of trials)")]
    public void Without_a_declaration_an_axis_no_placeholder_names_gets_a_warning_naming_the_trials_that_run_one_command(string leaf, string axis, string words)
    {
        using var tree = new CfgTree().Write("", "command: python3 train.py --lr {lr}\nseed: 0\n").Write("sweep/digits/cnn/adam", leaf);
        var warning = Assert.Single(Expand(tree).Single().Warnings);
        Assert.Contains($"axis '{axis}' appears in no {{placeholder}} of the command", warning);
        Assert.Contains(words, warning);
    }

    [Theory]
    [InlineData("command: python3 train.py --lr {lr}\nseed: 0\n", "lr: [0.1, 0.2]")]
    [InlineData("command: python3 train.py\nseed: 0\n", "lr: [0.1, 0.2]")]
    public void No_warning_when_every_axis_is_in_the_command_or_the_command_has_no_placeholders(string root, string leaf)
    {
        using var tree = new CfgTree().Write("", root).Write("sweep/digits/cnn/adam", leaf);
        Assert.Empty(Expand(tree).Single().Warnings);
    }

    [Theory]
    [InlineData("1.0", "1.0")]
    [InlineData("-3e2", "-300.0")]
    [InlineData("2.5", "2.5")]
    public void A_float_is_a_float_in_json_even_when_it_is_whole(string yaml, string json)
    {
        var node = ConfigJson.From(CfgScalar.Plain(yaml, default));
        Assert.Equal(json, node!.ToJsonString());
        Assert.Equal(ScalarKind.Float, ((CfgScalar)ConfigJson.ToNode(JsonNode.Parse(node.ToJsonString()), default)).Kind);
    }
}
