using System.Text.Json.Nodes;
using Hypergrid.Dashboard.Figures;
using Hypergrid.Findings;

namespace Hypergrid.Dashboard.Tests.Figures;

/// <summary>
/// The Results scatter's point labels (ResultsFigure.Labels, sent by GET /api/report) name what tells a point apart,
/// never its x key (its place says it), by the Results figure's legend rule: groups of one leaf by the keys that differ
/// between them, groups of several leaves by the leaf's parts that differ and then by what differs within their leaf, a
/// leaf part that is the x key left out; a label left with nothing is the group's x value, else its leaf. (These were
/// the page's point-labels.test.mjs cases while the page named points by a JS copy of the rule.)
/// </summary>
public sealed class ReportLabelsTests
{
    private static GroupRow Group(string leaf, string values) =>
        GroupRow.Of(leaf, [0.9, 0.91]) with { Values = JsonNode.Parse(values)!.AsObject(), Trials = ["trial_000"] };

    private static List<string> Texts(IReadOnlyList<GroupRow> groups, string key)
    {
        var keys = groups.SelectMany(g => g.Values.Select(kv => kv.Key)).Distinct().ToList();
        return ResultsFigure.Labels(groups, keys, key).Select(n => n.Text).ToList();
    }

    [Fact]
    public void Groups_of_one_leaf_are_named_by_the_keys_that_differ_between_them_the_x_key_left_out()
    {
        const string leaf = "sweep/mnist/mlp/sgd";
        GroupRow[] groups = [Group(leaf, """{"lr":0.1,"momentum":0.9}"""), Group(leaf, """{"lr":0.01,"momentum":0.9}"""), Group(leaf, """{"lr":0.1,"momentum":0.5}""")];
        Assert.Equal(["momentum=0.9", "momentum=0.9", "momentum=0.5"], Texts(groups, "lr"));
        Assert.Equal(["lr=0.1", "lr=0.01", "lr=0.1"], Texts(groups, "momentum"));
    }

    [Fact]
    public void Groups_that_differ_by_their_x_key_alone_are_named_by_its_value_so_a_label_is_never_empty()
    {
        const string leaf = "sweep/mnist/cnn/adam";
        Assert.Equal(["lr=0.1", "lr=0.001"], Texts([Group(leaf, """{"lr":0.1}"""), Group(leaf, """{"lr":0.001}""")], "lr"));
        var hostile = System.Text.Json.JsonSerializer.Serialize("<img src=x onerror=\"alert(1)\">&amp;");
        Assert.Equal(["lr=0.1", "lr=0.001"], Texts([Group(leaf, $$"""{"lr":0.1,"tag":{{hostile}}}"""), Group(leaf, $$"""{"lr":0.001,"tag":{{hostile}}}""")], "lr"));
    }

    [Fact]
    public void Groups_of_several_leaves_are_named_by_the_leaf_parts_that_differ_then_by_what_differs_within_their_leaf()
    {
        // The audit's sweep: lr on x, three mlp/sgd points and the others; keys a leaf fixes (cnn's lr, sgd's momentum) not named.
        GroupRow[] groups =
        [
            Group("sweep/mnist/mlp/sgd", """{"model":"mlp","trainer":"sgd","lr":0.1,"momentum":0.9,"hidden":[256]}"""),
            Group("sweep/mnist/mlp/sgd", """{"model":"mlp","trainer":"sgd","lr":0.01,"momentum":0.9,"hidden":[256]}"""),
            Group("sweep/mnist/mlp/sgd", """{"model":"mlp","trainer":"sgd","lr":0.001,"momentum":0.5,"hidden":[256]}"""),
            Group("sweep/mnist/cnn/adam", """{"model":"cnn","trainer":"adam","lr":0.001}"""),
            Group("sweep/mnist/mlp/adam", """{"model":"mlp","trainer":"adam","lr":0.001,"hidden":[128]}"""),
        ];
        var texts = Texts(groups, "lr");
        Assert.Equal(["mlp/sgd momentum=0.9", "mlp/sgd momentum=0.9", "mlp/sgd momentum=0.5", "cnn/adam", "mlp/adam"], texts);
        Assert.DoesNotContain(texts, t => t.Contains("lr="));
    }

    [Fact]
    public void The_mode_and_dataset_name_a_leaf_only_when_its_model_and_trainer_do_not_tell_it_apart()
    {
        GroupRow[] groups = [Group("sweep/mnist/cnn/adam", """{"lr":0.1}"""), Group("experiment/mnist/cnn/adam", """{"lr":0.2}"""), Group("sweep/mnist/mlp/adam", """{"lr":0.3}""")];
        Assert.Equal(["sweep/cnn", "experiment/cnn", "sweep/mlp"], Texts(groups, "lr"));
    }

    [Fact]
    public void A_leaf_part_that_is_the_x_key_is_left_out_of_the_names_as_any_x_key_is()
    {
        var groups = new[] { "lr0.05", "lr0.07", "lr0.09" }.Select(t => Group($"experiment/toy/prog/{t}", $$"""{"trainer":"{{t}}"}""")).ToList();
        Assert.Equal(["trainer=lr0.05", "trainer=lr0.07", "trainer=lr0.09"], Texts(groups, "trainer"));
        GroupRow[] two = [Group("sweep/toy/a/x", """{"model":"a","trainer":"x"}"""), Group("sweep/toy/b/y", """{"model":"b","trainer":"y"}""")];
        Assert.Equal(["x", "y"], Texts(two, "model"));
        // The figure's legend names them alike: by the trainer alone, not "a/x".
        Assert.Equal(["x", "y"], ResultsFigure.Names(two, ["model", "trainer"], "model").Names);
    }

    [Fact]
    public void A_label_is_the_figures_legend_name_with_its_title_as_the_key()
    {
        const string leaf = "sweep/mnist/mlp/sgd";
        GroupRow[] groups = [Group(leaf, """{"lr":0.1,"momentum":0.9}"""), Group(leaf, """{"lr":0.01,"momentum":0.5}""")];
        var (title, names) = ResultsFigure.Names(groups, ["lr", "momentum"], "lr");
        Assert.Equal("momentum", title);
        Assert.Equal(names.Select(n => $"{title}={n}"), Texts(groups, "lr"));
    }

    [Fact]
    public void A_group_without_a_numeric_x_key_is_named_among_all_the_sections_groups()
    {
        // The figure by lr draws only the groups with an lr; the page draws the other apart, as "missing".
        GroupRow[] groups = [Group("s/d/m/a", """{"lr":0.1,"w":1}"""), Group("s/d/m/a", """{"lr":0.2,"w":2}"""), Group("s/d/m/a", """{"lr":null,"w":3}""")];
        Assert.Equal(["w=1", "w=2", "w=3"], Texts(groups, "lr"));
    }

    [Fact]
    public void The_scatters_x_keys_are_the_numeric_ones_else_every_key_in_order()
    {
        // (The page's scatterKeys cases while results.js held a copy of the rule.)
        Assert.Equal(["lr"], ResultsFigure.ScatterKeys([Group("a", """{"lr":0.1,"opt":"adam"}"""), Group("a", """{"lr":0.01,"opt":"sgd"}""")]));
        Assert.Equal(["opt", "tag"], ResultsFigure.ScatterKeys([Group("a", """{"opt":"adam"}"""), Group("b", """{"opt":"sgd","tag":"x"}""")]));
        Assert.Empty(ResultsFigure.ScatterKeys([]));
        // A key numeric in one group and text in another is still offered.
        Assert.Equal(["width"], ResultsFigure.ScatterKeys([Group("a", """{"width":64}"""), Group("b", """{"width":"auto"}""")]));
    }
}
