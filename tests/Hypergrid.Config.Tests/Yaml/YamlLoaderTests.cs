using Hypergrid.Config.Yaml;

namespace Hypergrid.Config.Tests.Yaml;

public class YamlLoaderTests
{
    private static (CfgMap? Map, List<ConfigError> Errors) Load(string text)
    {
        var errors = new List<ConfigError>();
        return (YamlLoader.LoadMapping(text, "x.yaml", errors), errors);
    }

    [Fact]
    public void An_empty_file_is_an_empty_mapping()
    {
        var (map, errors) = Load("# only a comment\n");
        Assert.Empty(errors);
        Assert.Empty(map!.Entries);
    }

    [Fact]
    public void Yaml_that_does_not_parse_gives_file_line_and_column()
    {
        var (_, errors) = Load("a: 1\nb: [1, 2\nc: 3\n");
        var e = Assert.Single(errors);
        Assert.Equal("x.yaml", e.Where.File);
        Assert.True(e.Where.Line >= 2, e.ToString());
        Assert.True(e.Where.Column > 0);
    }

    [Fact]
    public void A_top_level_list_is_an_error_that_says_so()
    {
        var (_, errors) = Load("- 1\n- 2\n");
        Assert.Contains("top level is a list", Assert.Single(errors).Problem);
    }

    [Fact]
    public void A_duplicate_key_is_an_error_at_its_second_line()
    {
        var (_, errors) = Load("lr: 1\nseed: 0\nlr: 2\n");
        var e = Assert.Single(errors);
        Assert.Equal("lr", e.Key);
        Assert.Equal(3, e.Where.Line);
        Assert.Contains("line 1", e.Problem);
    }

    [Theory]
    [InlineData("1e-3", ScalarKind.Float)]
    [InlineData("0.1", ScalarKind.Float)]
    [InlineData("42", ScalarKind.Int)]
    [InlineData("true", ScalarKind.Bool)]
    [InlineData("yes", ScalarKind.String)]
    [InlineData("'42'", ScalarKind.String)]
    [InlineData("~", ScalarKind.Null)]
    public void Plain_scalars_resolve_by_the_yaml_core_schema(string text, ScalarKind kind)
    {
        var (map, _) = Load($"k: {text}\n");
        Assert.Equal(kind, ((CfgScalar)map!["k"]!).Kind);
    }

    [Fact]
    public void Numbers_render_canonically_so_floats_round_trip_exactly_and_stay_floats()
    {
        var (map, _) = Load("a: 0.1\nb: 1e-3\nc: 0.30000000000000004\nd: 2.0\ne: 1e-30\n");
        Assert.Equal(["0.1", "0.001", "0.30000000000000004", "2.0", "1.0e-30"], map!.Entries.Select(e => e.Value.Canonical));
        Assert.All(map.Entries, e => Assert.Equal(((CfgScalar)e.Value).Number, ((CfgScalar)CfgScalar.Plain(e.Value.Canonical, default)).Number));
    }

    [Theory]
    [InlineData("[0.1, 1e-1, 0.10, .1]")]
    [InlineData("[1, 01, +1, 0x1, 0o1]")]
    [InlineData("[true, True, TRUE]")]
    [InlineData("[\"a\", 'a', a]")]
    public void Equal_values_written_differently_are_one_value(string list)
    {
        var (map, errors) = Load("x: " + list + "\n");
        Assert.Empty(errors);
        Assert.Single(((CfgList)map!.Entries[0].Value).Items.Select(i => i.Canonical).Distinct());
    }

    [Theory]
    [InlineData("0x10", 16)]
    [InlineData("0o17", 15)]
    [InlineData("-7", -7)]
    public void Integers_read_as_yaml_1_2_says(string text, long value)
    {
        var (map, _) = Load("x: " + text + "\n");
        Assert.Equal(value, ((CfgScalar)map!.Entries[0].Value).Integer);
    }

    [Fact]
    public void Strings_that_would_read_back_as_other_types_are_quoted()
    {
        var (map, _) = Load("a: '1.5'\nb: 'true'\nc: relu\nd: 'a: b'\n");
        Assert.Equal(["\"1.5\"", "\"true\"", "relu", "\"a: b\""], map!.Entries.Select(e => e.Value.Canonical));
    }

    private const string AliasBomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n" +
        "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n" +
        "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\nh: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]\ni: [*h, *h, *h, *h, *h, *h, *h, *h, *h]\n";

    [Theory]
    [InlineData(AliasBomb, "expands to more than")]
    [InlineData("a: &a [1, 2]\nb: [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*a, *a]\n", null)]
    public void Aliases_that_expand_beyond_the_budget_are_refused_at_once_and_small_ones_are_fine(string yaml, string? expected)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (map, errors) = Load(yaml);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.Elapsed}");
        if (expected is null) { Assert.Empty(errors); Assert.NotNull(map); return; }
        Assert.Contains(expected, Assert.Single(errors).Problem);
    }

    [Theory]
    [InlineData(100)]
    [InlineData(40_000)]
    public void Nesting_deeper_than_a_config_needs_is_an_error_not_a_crash(int depth)
    {
        var (_, errors) = Load("a: " + new string('[', depth) + new string(']', depth) + "\n");
        Assert.Contains("nest deeper", Assert.Single(errors).Problem);
    }

    [Theory]
    [InlineData("lr: !!float 1\n", "tag")]
    [InlineData("lr: !custom 1\n", "tag")]
    [InlineData("base: &b {lr: 1}\nx:\n  <<: *b\n", "merge keys")]
    public void Tags_and_merge_keys_are_refused_with_their_own_message(string yaml, string expected) =>
        Assert.Contains(expected, Assert.Single(Load(yaml).Errors).Problem);

    [Fact]
    public void A_tab_used_for_indentation_points_at_its_line()
    {
        var e = Assert.Single(Load("a: 1\nb:\n\tc: 2\n").Errors);
        Assert.Equal(3, e.Where.Line);
    }
}
