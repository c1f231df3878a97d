using System.Text.Json.Nodes;
using Hypergrid.Dashboard.Figures;

namespace Hypergrid.Dashboard.Tests.Figures;

/// <summary>A legend names each line by what tells it apart from the lines shown, and by nothing else.</summary>
public sealed class LegendNamesTests
{
    private static FigureTrial T(string path, string json, string? code = null) =>
        new(path, "/nowhere", (JsonObject)JsonNode.Parse(json)!, code);

    [Fact]
    public void Lines_of_several_leaves_are_named_by_the_leaf_parts_that_differ_and_the_keys_that_differ_within_their_leaf()
    {
        // The README's sweep: keys of one model are missing from another (channels, width), the trainer sets momentum.
        var lines = new[]
        {
            T("sweep/mnist/cnn/adam/trial_000", """{"mode":"sweep","model":"cnn","trainer":"adam","seed":0,"channels":[16,32],"lr":0.001}"""),
            T("sweep/mnist/cnn/adam/trial_001", """{"mode":"sweep","model":"cnn","trainer":"adam","seed":0,"channels":[16,32],"lr":0.002}"""),
            T("sweep/mnist/cnn/sgd/trial_000", """{"mode":"sweep","model":"cnn","trainer":"sgd","seed":0,"channels":[16,32],"lr":0.05,"momentum":0.8}"""),
            T("sweep/mnist/deq/sgd/trial_000", """{"mode":"sweep","model":"deq","trainer":"sgd","seed":0,"width":64,"lr":0.05,"momentum":0.9}"""),
            T("sweep/mnist/deq/sgd/trial_001", """{"mode":"sweep","model":"deq","trainer":"sgd","seed":0,"width":64,"lr":0.1,"momentum":0.9}"""),
        };
        var (title, names) = LegendNames.Of(lines, withSeed: false);
        Assert.Null(title);
        Assert.Equal(["cnn/adam lr=0.001", "cnn/adam lr=0.002", "cnn/sgd", "deq/sgd lr=0.05", "deq/sgd lr=0.1"], names);
    }

    [Fact]
    public void Keys_a_leaf_fixes_are_implied_by_its_name_and_the_mode_is_named_only_when_the_model_and_trainer_do_not_tell_leaves_apart()
    {
        // A program study (the audit's): each leaf sets batch_size, n_train and log_samples; an experiment beside it.
        var lines = new[]
        {
            T("sweep/toy/logged/big/trial_000", """{"model":"logged","trainer":"big","batch_size":64,"log_samples":true,"n_train":1000}"""),
            T("sweep/toy/plain/small/trial_000", """{"model":"plain","trainer":"small","batch_size":32,"n_train":500}"""),
            T("experiment/toy/plain/small@lr=0.1/trial_000", """{"model":"plain","trainer":"small@lr=0.1","batch_size":32,"n_train":500,"lr":0.1}"""),
        };
        Assert.Equal(["logged/big", "plain/small", "plain/small@lr=0.1"], LegendNames.Of(lines, withSeed: false).Names);
        var again = new[] { T("sweep/toy/m/t/trial_000", """{"lr":0.1}"""), T("experiment/toy/m/t/trial_000", """{"lr":0.1}""") };
        Assert.Equal(["sweep", "experiment"], LegendNames.Of(again, withSeed: false).Names);
    }

    [Fact]
    public void Within_one_leaf_a_key_a_line_lacks_is_left_out_of_its_name()
    {
        var (title, names) = LegendNames.Of([T("sweep/d/m/t/a", """{"lr":0.1,"opt":"adam"}"""), T("sweep/d/m/t/b", """{"lr":0.2,"opt":"sgd","mom":0.9}""")], withSeed: false);
        Assert.Null(title);
        Assert.Equal(["lr=0.1, opt=adam", "lr=0.2, opt=sgd, mom=0.9"], names);
    }

    [Fact]
    public void Ungrouped_lines_of_several_leaves_are_told_apart_by_seed_too()
    {
        var lines = new[]
        {
            T("sweep/d/a/t/trial_000", """{"model":"a","seed":0}"""), T("sweep/d/a/t/trial_001", """{"model":"a","seed":1}"""),
            T("sweep/d/b/t/trial_000", """{"model":"b","seed":0}"""),
        };
        Assert.Equal(["a seed=0", "a seed=1", "b"], LegendNames.Of(lines, withSeed: true).Names);
    }
}
