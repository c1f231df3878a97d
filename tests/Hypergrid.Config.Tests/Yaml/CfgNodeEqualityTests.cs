using Hypergrid.Config.Yaml;

namespace Hypergrid.Config.Tests.Yaml;

/// <summary>
/// A value's canonical text is made when first asked (a trial list reads 100,000 configs and asks almost never): two
/// values equal before it is asked stay equal after, whichever of them was asked, and values that differ still differ.
/// </summary>
public class CfgNodeEqualityTests
{
    private static readonly SourceMark At = new("t/cfg.yaml", 3, 5);

    private static CfgMap Map(string lr) =>
        new([new CfgEntry("lr", new CfgScalar(lr, ScalarResolver.Resolve(lr), At), At), new CfgEntry("name", new CfgScalar("mlp", ScalarKind.String, At), At)], At);

    [Theory]
    [InlineData("1e-3", ScalarKind.Float)]
    [InlineData("0x1F", ScalarKind.Int)]
    [InlineData("yes", ScalarKind.String)]
    [InlineData(".nan", ScalarKind.Float)]
    [InlineData("null", ScalarKind.Null)]
    public void Scalars_equal_before_their_text_is_asked_stay_equal_after(string text, ScalarKind kind)
    {
        var (asked, not) = (new CfgScalar(text, kind, At), new CfgScalar(text, kind, At));
        Assert.Equal(YamlText.Scalar(text, kind), asked.Canonical);
        Assert.Equal(asked, not);
        Assert.Equal(not, asked);
        Assert.Equal(asked.GetHashCode(), not.GetHashCode());
        Assert.NotEqual(asked, new CfgScalar(text, kind, At with { Line = 4 }));
        Assert.NotEqual(asked, new CfgScalar(text + "0", kind, At));
        Assert.NotEqual(asked, new CfgScalar(text, kind == ScalarKind.String ? ScalarKind.Null : ScalarKind.String, At));
    }

    [Fact]
    public void Maps_and_lists_equal_before_their_text_is_asked_stay_equal_after()
    {
        var map = Map("1e-3");
        var list = new CfgList([map, new CfgScalar("1", ScalarKind.Int, At)], At);
        // Their canonical texts, made when asked, from their parts' (which were not asked before).
        var (copyOfMap, copyOfList) = (map with { }, list with { });
        Assert.Equal("{lr: 0.001, name: mlp}", map.Canonical);
        Assert.Equal("[{lr: 0.001, name: mlp}, 1]", list.Canonical);
        Assert.Equal(map, copyOfMap);
        Assert.Equal(list, copyOfList);
        Assert.Equal(map.GetHashCode(), copyOfMap.GetHashCode());
        Assert.Equal(list.GetHashCode(), copyOfList.GetHashCode());
        // As the records compared before: their parts by reference, and their marks.
        Assert.NotEqual(map, Map("1e-3"));
        Assert.NotEqual(list, list with { Mark = At with { Column = 1 } });
    }

    [Fact]
    public void The_text_is_the_same_whichever_order_its_parts_are_asked_in()
    {
        var (first, later) = (Map("0.10"), Map("0.10"));
        _ = first.Entries[0].Value.Canonical;
        Assert.Equal(first.Canonical, later.Canonical);
        Assert.Equal("0.1", later.Entries[0].Value.Canonical);
    }
}
