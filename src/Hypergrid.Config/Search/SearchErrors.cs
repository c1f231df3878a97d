using Hypergrid.Config.Yaml;

namespace Hypergrid.Config;

// The mistakes of search spaces and proposing methods (the rest of Errors is in Errors.cs).
public static partial class Errors
{
    private const string RangeExample = "write e.g. lr: {log_uniform: [1e-5, 1e-1]}, dropout: {uniform: [0, 0.5]} or layers: {int_uniform: [1, 4]}";

    public static ConfigError RangeInExperiment(SourceMark at, string key) =>
        new(at, key, "is a range, but experiment mode trains fixed values (only 'seed' may vary)",
            "write one value here, or move this leaf to cfg/sweep/ with search: {method: random, trials: N}");

    public static ConfigError RangeWithoutSearch(SourceMark at, string key) =>
        new(at, key, "is a range, but this leaf has no search method to propose its values",
            "add search: {method: random, trials: 30} (or sobol, or tpe) to this leaf or a parent");

    public static ConfigError RangeInGridSearch(SourceMark at, string key) =>
        new(at, key, "is a range, but search method 'halving' runs over a grid of lists",
            "write method: random (or sobol, or tpe) with trials: N; rungs and keep then add halving to it");

    public static ConfigError RangeArity(SourceMark at, string key, string distribution, string written) =>
        new(at, key, $"is {{{distribution}: {written}}}, but {distribution} takes two numbers [a, b]", RangeExample);

    public static ConfigError RangeEmpty(SourceMark at, string key, string distribution, string low, string high) =>
        new(at, key, $"is {{{distribution}: [{low}, {high}]}}, whose low end is not below its high end",
            "write the smaller bound first, e.g. [0.001, 0.1]; a fixed value is written as the value itself");

    public static ConfigError LogRangeNotPositive(SourceMark at, string key, string low) =>
        new(at, key, $"is a log_uniform range from {low}, but a logarithm needs numbers above 0",
            "start the range above 0 (e.g. [1e-5, 1e-1]), or use uniform for a range that includes 0");

    public static ConfigError IntRangeNotWhole(SourceMark at, string key, string written) =>
        new(at, key, $"is {{int_uniform: {written}}}, whose bounds are not whole numbers", "write whole numbers, e.g. layers: {int_uniform: [1, 4]}");

    public static ConfigError UnknownDistribution(SourceMark at, string key, string name, string? meant) =>
        new(at, key, $"is a range of '{Visible.Text(name)}', which is not a distribution Hypergrid knows" + (meant is null ? "" : $" (did you mean '{meant}'?)"),
            "use uniform, log_uniform, int_uniform or choice, e.g. lr: {log_uniform: [1e-5, 1e-1]}");

    public static ConfigError ChoiceNotOptions(SourceMark at, string key, string written) =>
        new(at, key, $"is {{choice: {written}}}, not a mapping of options",
            "write each option as a key with its own keys (or none): optimizer: {choice: {adam: {beta1: {uniform: [0.8, 0.99]}}, sgd: {}}}");

    public static ConfigError OptionNotMapping(SourceMark at, string key, string written) =>
        new(at, key, $"is the option {written}, not a mapping of the keys it sets",
            "write the option's keys as a mapping (e.g. adam: {beta1: 0.9}), or {} when it sets none");

    public static ConfigError OptionKeyAlsoInLeaf(SourceMark at, string key, string file) =>
        new(at, key, $"is set by a choice's option and also in {file}, so a trial would hold it twice",
            "set the key in one place: in every option that needs it, or only outside the choice");

    public static ConfigError ListInOption(SourceMark at, string key) =>
        new(at, key, "is a list of several values inside a choice's option, but grid axes live at the top level",
            "move the list to the top level (an axis), use a range or a choice here, or write [[a, b]] for one fixed list");

    public static ConfigError RangeOnHypergridKey(SourceMark at, string key) =>
        new(at, key, "is one of Hypergrid's own settings, which a search cannot vary", "write one value here; ranges are for hyperparameters");

    public static ConfigError RangeInAxis(SourceMark at, string key) =>
        new(at, key, "lists a range as one of its values, but a list is a grid axis of fixed values",
            "write the range as the key's value (lr: {log_uniform: [1e-5, 1e-1]}), not inside a list");

    public static ConfigError SearchWithoutRanges(SourceMark at, string method) =>
        new(at, "search.method", $"is '{method}', but this leaf has no range or choice for it to propose",
            "give a key a range (lr: {log_uniform: [1e-5, 1e-1]}) or a choice, or use method: halving over lists");

    public static ConfigError BadSearchNumber(SourceMark at, string key, string written, string hint) =>
        new(at, $"search.{key}", $"is {written}", hint);

    public static ConfigError SearchTrialsMissing(SourceMark at, string method) =>
        new(at, "search.trials", $"is missing, but method '{method}' proposes a number of trials", "write e.g. trials: 30 (per point of the leaf's grid, if it has lists)");

    public static ConfigError SearchKeyForTpeOnly(SourceMark at, string key, string method) =>
        new(at, $"search.{key}", $"applies to method tpe only, but the method is '{method}'", $"remove {key}, or write method: tpe");

    public static ConfigError TpeAsyncHalving(SourceMark at) =>
        new(at, "search.async", "is true with method 'tpe', but a tpe round learns from rounds whose rungs are decided over their own trials, all of them; asynchronous promotions depend on which trial finished first, so the rounds could not be replayed",
            "remove async (each round's rungs are then decided once all its trials reached them), or halve a random or sobol search asynchronously");

    public static ConfigError TpeRoundTooSmall(SourceMark at, string key, int round, int rungs, double keep, string need) =>
        new(at, $"search.{key}", string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"makes a round of {round} trial(s), and each tpe round is halved on its own: {round} x {keep:0.###}^{rungs} = {round * Math.Pow(keep, rungs):0.##} trial(s) would reach the last of {rungs} rung(s), fewer than one"),
            $"{need}, or use fewer rungs or a larger keep");

    public static ConfigError TooManySobolParameters(SourceMark at, int count, int max) =>
        new(at, "search.method", $"is 'sobol', but the leaf's space has {count} parameters and Hypergrid's Sobol table has {max} dimensions",
            "use method: random for this many parameters, or fewer ranges");
}
