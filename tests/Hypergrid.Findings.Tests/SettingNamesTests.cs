using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Hypergrid.Findings.Tests;

/// <summary>promote --top names each leaf by what differs between the settings: short, safe as a folder name, the same every time, never two alike.</summary>
public sealed partial class SettingNamesTests
{
    private static JsonObject J(string json) => JsonNode.Parse(json)!.AsObject();

    private static IReadOnlyList<string> Names(params string[] settings) => SettingNames.Of(settings.Select(J).ToList(), []);

    [GeneratedRegex("^[A-Za-z0-9._+=,-]+$")]
    private static partial Regex SafeName();

    [Fact]
    public void Numeric_keys_that_differ_name_the_setting_in_config_order_and_keys_that_agree_are_left_out()
    {
        Assert.Equal(["lr=0.01,layers=2", "lr=0.001,layers=3"],
            Names("""{"epochs": 5, "lr": 0.01, "layers": 2}""", """{"epochs": 5, "lr": 0.001, "layers": 3}"""));
        Assert.Equal(["lr=0.1", "lr=1E-05"], Names("""{"lr": 0.1, "layers": 2}""", """{"lr": 1e-5, "layers": 2.0}"""));
    }

    [Fact]
    public void Numbers_take_the_fewest_digits_from_three_that_keep_the_settings_apart()
    {
        // A random search's values: seventeen digits each in run.json, three in the name.
        Assert.Equal(["lr=0.00123", "lr=0.00988"], Names("""{"lr": 0.0012345678901234}""", """{"lr": 0.0098765432109876}"""));
        // Equal to four digits: five are used, for both.
        Assert.Equal(["lr=0.001234", "lr=0.0012341"], Names("""{"lr": 0.00123401}""", """{"lr": 0.00123409}"""));
    }

    [Theory]
    [InlineData("relu/x y", "tanh\"q")]
    [InlineData("../../etc", "ü,b=c")]
    [InlineData("a\tb", "-")]
    public void Strings_with_unsafe_characters_become_names_of_safe_characters_only(string a, string b)
    {
        var names = SettingNames.Of([new JsonObject { ["act"] = a }, new JsonObject { ["act"] = b }], []);
        Assert.All(names, n => Assert.Matches(SafeName(), n));
        Assert.All(names, n => Assert.StartsWith("act=", n));
        Assert.Equal(2, names.Distinct().Count());
        Assert.DoesNotContain(names, n => n.Contains('/') || n[4..].Contains('=') || n.Contains(','));
    }

    [Fact]
    public void Strings_that_differ_only_in_unsafe_characters_are_kept_apart_by_a_hash_of_their_setting_the_same_every_time()
    {
        var names = Names("""{"act": "a/b"}""", """{"act": "a b"}""", """{"act": "c"}""");
        Assert.Matches("^act=a_b-[0-9a-f]{8}$", names[0]);
        Assert.Matches("^act=a_b-[0-9a-f]{8}$", names[1]);
        Assert.NotEqual(names[0], names[1]);
        Assert.Equal("act=c", names[2]);
        Assert.Equal(names, Names("""{"act": "a/b"}""", """{"act": "a b"}""", """{"act": "c"}"""));
    }

    [Fact]
    public void Choice_options_name_each_setting_by_its_option_and_its_own_keys()
    {
        Assert.Equal(["optimizer=adam,beta1=0.9", "optimizer=sgd,momentum=0.5"],
            Names("""{"optimizer": "adam", "beta1": 0.9}""", """{"optimizer": "sgd", "momentum": 0.5}"""));
        Assert.Equal(["activation=gelu,dropout=0.1", "activation=relu"],
            Names("""{"activation": "gelu", "dropout": 0.1}""", """{"activation": "relu"}"""));
    }

    [Fact]
    public void Lists_and_mappings_are_flattened_with_underscores()
    {
        Assert.Equal(["channels=16_32", "channels=32_64"], Names("""{"channels": [16, 32]}""", """{"channels": [32, 64]}"""));
        Assert.Equal(["schedule=kind_cosine_warmup_5", "schedule=kind_step"],
            Names("""{"schedule": {"warmup": 5, "kind": "cosine"}}""", """{"schedule": {"kind": "step"}}"""));
    }

    [Fact]
    public void One_setting_is_named_by_the_keys_that_vary_in_its_leaf_or_else_default()
    {
        Assert.Equal(["lr=0.01"], SettingNames.Of([J("""{"lr": 0.01, "epochs": 5}""")], ["lr"]));
        Assert.Equal(["default"], SettingNames.Of([J("""{"lr": 0.01}""")], []));
    }

    [Fact]
    public void Long_names_are_cut_to_the_limit_and_end_in_a_hash_of_the_whole_name_so_two_stay_apart()
    {
        string Setting(int last) => "{" + string.Join(", ", Enumerable.Range(0, 12).Select(i => $"\"a_rather_long_key_{i}\": {i * 10 + last}")) + "}";
        var names = Names(Setting(1), Setting(2));
        Assert.All(names, n => Assert.True(n.Length <= SettingNames.MaxLength, n));
        Assert.All(names, n => Assert.Matches("-[0-9a-f]{8}$", n));
        Assert.All(names, n => Assert.Matches(SafeName(), n));
        Assert.NotEqual(names[0], names[1]);
        Assert.Equal(names, Names(Setting(1), Setting(2)));
        // One long string value: cut too.
        var text = SettingNames.Of([new JsonObject { ["note"] = new string('x', 200) }, new JsonObject { ["note"] = "short" }], []);
        Assert.True(text[0].Length <= SettingNames.MaxLength, text[0]);
        Assert.Equal("note=short", text[1]);
    }
}
