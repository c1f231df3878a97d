using Hypergrid.Config.Yaml;

namespace Hypergrid.Config;

/// <summary>Named factories for every config mistake, each with its fix.</summary>
public static partial class Errors
{
    public static ConfigError Unreadable(string file, string why) =>
        new(new SourceMark(file, 0, 0), null, $"cannot be read: {why}", "check the file exists and is readable");

    public static ConfigError LinkOutOfTree(string link, string target) =>
        new(new SourceMark(link, 0, 0), null, $"is a link to '{target}', outside the config tree",
            "Hypergrid reads only files under the cfg folder: copy what you need into it, or remove the link");

    public static ConfigError LinkLoop(string link, string target) =>
        new(new SourceMark(link, 0, 0), null, $"is a link to '{target}', a folder that contains it: the tree would never end",
            "remove the link");

    public static ConfigError BadYaml(SourceMark at, string why) =>
        new(at, null, $"is not valid YAML: {why}", "fix the YAML syntax at this line and column");

    public static ConfigError TopLevelNotMapping(SourceMark at, string what) =>
        new(at, null, $"top level is {what}, but a cfg.yaml must be a mapping of keys to values",
            "write 'key: value' lines at the top level (an empty file means no keys)");

    public static ConfigError DuplicateKey(SourceMark at, string key, SourceMark first) =>
        new(at, key, $"appears twice in one mapping (first at line {first.Line})", "keep one of the two lines");

    public static ConfigError UnknownMode(string folder, string firstFile) =>
        new(new SourceMark(firstFile, 0, 0), null, $"lies under mode folder '{folder}', which is neither 'sweep' nor 'experiment'",
            "move it under cfg/sweep/ or cfg/experiment/");

    public static ConfigError TooDeep(string file) =>
        new(new SourceMark(file, 0, 0), null, "is deeper than a leaf (cfg/<mode>/<dataset>/<model>/<trainer>/cfg.yaml)",
            "move its keys into the leaf cfg.yaml four folders below cfg/");

    public static ConfigError SeedMissing(string leaf) =>
        new(new SourceMark(leaf, 0, 0), "seed", "is missing; every trial needs a seed",
            "add 'seed: 0' here or in a parent cfg.yaml (a list such as 'seed: [0, 1, 2]' in experiment mode)");

    public static ConfigError SeedListInSweep(SourceMark at) =>
        new(at, "seed", "is a list, but sweep mode needs a scalar seed",
            "write one integer (seed: 0), or move the seed list to cfg/experiment/...");

    public static ConfigError SeedNotInteger(SourceMark at, string text) =>
        new(at, "seed", $"is '{text}', which is not an integer", "write a non-negative integer such as 0");

    public static ConfigError SeedNegative(SourceMark at, string text) =>
        new(at, "seed", $"is {text}, which is negative", "write a non-negative integer such as 0");

    public static ConfigError ListInExperiment(SourceMark at, string key) =>
        new(at, key, "is a list of several values, but experiment mode allows only 'seed' to vary",
            "keep one value here (a fixed list hyperparameter is written as [[a, b]]), or move this leaf to cfg/sweep/");

    public static ConfigError EmptyList(SourceMark at, string key) =>
        new(at, key, "is an empty list, which would make zero trials", "give the axis at least one value, or remove the key");

    public static ConfigError RepeatedValue(SourceMark at, string key, string value) =>
        new(at, key, $"lists the value {value} more than once", "remove the repeated value; each trial must differ");

    public static ConfigError ContradictsPath(SourceMark at, string key, string value, string fromPath) =>
        new(at, key, $"is '{value}', but the folder path says '{fromPath}'",
            $"remove the key (it comes from the path) or set it to '{fromPath}'");

    private const string NoLeafProblem = "has no leaf cfg.yaml matching";

    /// <summary>Whether an error says only that the tree has no leaf (a reader of out/log can still list its trials).</summary>
    public static bool IsNoLeaf(ConfigError e) => e.Problem.StartsWith(NoLeafProblem, StringComparison.Ordinal);

    public static ConfigError NoLeafMatches(string cfgRoot, string filters) =>
        new(new SourceMark(cfgRoot, 0, 0), null, $"{NoLeafProblem} {filters}",
            "check the filter values, or run 'hypergrid expand --dry-run' without filters to see the leaves");

    public static ConfigError UnknownModeFilter(string mode) =>
        new(new SourceMark("--mode", 0, 0), null, $"'{mode}' is not a mode", "use --mode sweep or --mode experiment");

    public static ConfigError TooManyTrials(Expansion.LeafPlan plan, long max)
    {
        var sizes = string.Join(" x ", plan.Axes.Select(a => $"{a.Values.Count} ({a.Key})"));
        var count = plan.Count == long.MaxValue ? "more than 9.2e18" : plan.Count.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
        return new(new SourceMark(plan.Leaf.File.DisplayPath, 0, 0), null, $"expands to {count} trials ({sizes}), more than the limit of {max:N0} per leaf",
            "remove values from the axes, or raise the limit with --max-trials N if you mean it");
    }

    public static ConfigError SameTrialTwice(Expansion.LeafPlan plan, int[] a, int[] b)
    {
        for (var k = 0; k < plan.Axes.Count; k++)
        {
            if (a[k] == b[k]) continue;
            var axis = plan.Axes[k];
            var (x, y) = (axis.Values[a[k]], axis.Values[b[k]]);
            return new(x.Mark, axis.Key, $"lists {Text(x)} and {Text(y)}, which are the same value here (both {x.Canonical} once read as this key's type)",
                "remove one of them; each trial must differ");
        }
        return new(new SourceMark(plan.Leaf.File.DisplayPath, 0, 0), null, "gives two identical trials", "remove the repeated value");
    }

    public static ConfigError CommandNotString(SourceMark at, string value) =>
        new(at, "command", $"is {value}, but a command is one string (it is never an axis)",
            "write the program and its arguments on one line, e.g. command: python3 train.py --lr {lr}");

    public static ConfigError BadCommand(SourceMark at, string problem) =>
        new(at, "command", problem, "write the program and its arguments, with {key} for a trial's value of key");

    public static ConfigError NulInArgument(SourceMark at, string key) =>
        new(at, key, "holds a NUL character (\\0), which no program argument can carry: the argument would end there, silently cut",
            "remove the NUL from the value (pass binary data in a file and its path as the value)");

    public static ConfigError ArgumentTooLong(SourceMark at, string key, long bytes, long limit) =>
        new(at, key, $"makes an argument of the command {bytes:N0} bytes long; the system takes at most {limit:N0} bytes in one argument",
            "pass a large value in a file: write it to a file beside cfg/ and give its path as the value (the program reads it)");

    public static ConfigError EnvironmentTooLong(SourceMark at, string key, long bytes, long limit) =>
        new(at, key, $"makes HYPERGRID_CONFIG_JSON {bytes:N0} bytes long; the system takes at most {limit:N0} bytes in one environment variable",
            "pass a large value in a file: write it to a file beside cfg/ and give its path as the value (the program reads it)");

    public static ConfigError CommandTooLong(SourceMark at, string key, long bytes, long limit) =>
        new(at, key, $"makes the program's arguments and environment {bytes:N0} bytes; the system starts a program with at most {limit:N0} (ARG_MAX)",
            "pass large values in files: write each to a file beside cfg/ and give its path as the value (the program reads it)");

    public static ConfigError BadCodeGlob(SourceMark at, string glob, string problem) =>
        new(at, "code", $"'{glob}' {problem}",
            "list the program's files as globs relative to the folder that holds cfg/, e.g. code: [\"*.py\", \"lib/**/*.py\"], or leave code out to hash the files the command names");

    public static ConfigError UnknownPlaceholder(SourceMark at, string name, IEnumerable<string> keys, bool declared = false) =>
        new(at, "command", declared ? $"names {{{name}}}, which is not a declared parameter" : $"names {{{name}}}, which is not a key of this trial",
            $"use one of: {string.Join(", ", keys.Order(StringComparer.Ordinal).Select(k => "{" + k + "}"))} (write {{{{ for a literal brace)");

    public static ConfigError MisspelledKey(SourceMark at, string key, string meant, bool program) =>
        new(at, key, $"is not a key of Hypergrid's; did you mean '{meant}'?",
            program ? $"write {meant}: (or, if your program reads '{key}', declare it under {Programs.ProgramKeys.Params}:)" : $"write {meant}:");

    public static ConfigError UndeclaredKey(SourceMark at, string key, string? nearest, IEnumerable<string> declared) =>
        new(at, key, nearest is null ? "is not a declared parameter of the program" : $"is not a declared parameter of the program; did you mean '{nearest}'?",
            nearest is null
                ? $"fix its spelling, or add it to {Programs.ProgramKeys.Params}: (declared: {string.Join(", ", declared)})"
                : $"write {nearest}: here, or add '{key}' to {Programs.ProgramKeys.Params}: if the program reads it too");

    public static ConfigError ParamMissing(string leaf, Programs.DeclaredParam p) =>
        new(new SourceMark(leaf, 0, 0), p.Name, $"is declared without a default ({p.Mark}), and this leaf gives it no value",
            $"set {p.Name}: in this leaf or a parent cfg.yaml, or give it a default: {p.Name}: {{type: {p.Type.ToString().ToLowerInvariant()}, default: ...}}");

    public static ConfigError ParamsWithoutCommand(SourceMark at) =>
        new(at, Programs.ProgramKeys.Params, "declares a program's parameters, but this leaf's trials have no command (they are built-in trials)",
            "add command: to run your program, or remove params: (a built-in trainer knows its own keys)");

    public static ConfigError ParamsNotMapping(SourceMark at, string value) =>
        new(at, Programs.ProgramKeys.Params, $"is {value}, not a mapping of parameter names to types",
            "write e.g. params: {lr: float, batch_size: int, gamma: {type: float, default: 0.7}, optimizer: {choices: [adam, sgd]}}");

    public static ConfigError ParamIsHypergrids(SourceMark at, string name) =>
        new(at, $"{Programs.ProgramKeys.Params}.{name}", "is a key of Hypergrid's own, not a parameter a program can declare",
            "remove it from params: (Hypergrid reads it; the program finds it in HYPERGRID_CONFIG_JSON all the same)");

    public static ConfigError ParamType(SourceMark at, string name, string? written) =>
        new(at, $"{Programs.ProgramKeys.Params}.{name}", written is null ? "has no type" : $"has type '{written}', which is not a type",
            "write one of float, int, bool, str, list; or a mapping {type: float, default: 0.7}, or {choices: [adam, sgd]}");

    public static ConfigError ParamSetting(SourceMark at, string name, string setting, IEnumerable<string> settings) =>
        new(at, $"{Programs.ProgramKeys.Params}.{name}.{setting}", "is not a setting of a declared parameter", $"use: {string.Join(", ", settings)}");

    public static ConfigError ParamChoices(SourceMark at, string name, string value) =>
        new(at, $"{Programs.ProgramKeys.Params}.{name}.choices", $"is {value}, not a list of values", "write e.g. choices: [adam, sgd]");

    public static ConfigError ParamValue(SourceMark at, string key, string problem, Programs.DeclaredParam p) =>
        new(at, key, problem, $"write {p.TypeWords}" + (p.Choices is null ? "" : $", one of [{string.Join(", ", p.Choices.Select(c => c.Canonical))}]") + $", or change the declaration at {p.Mark}");

    private static string Text(Yaml.CfgNode node) => node is Yaml.CfgScalar s ? s.Text : node.Canonical;

    public static ConfigError GpusNotACount(SourceMark at, string value) =>
        new(at, Devices.GpuRequest.Key, $"is {value}, but it is how many GPUs one trial needs at once",
            $"write a whole number from 0 to {Devices.GpuRequest.Most} (gpus: 2), or remove it for one GPU per trial");

    public static ConfigError GpusMoreThanGiven(SourceMark at, int asked, int given, string where, string fix) =>
        new(at, Devices.GpuRequest.Key, $"asks for {asked} GPU(s) per trial, but {where} {(given == 0 ? "has none" : $"has only {given}")}", fix);
}
