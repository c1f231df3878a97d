namespace Hypergrid.Dashboard.Tests.Js;

/// <summary>
/// The page's pure decisions (dashboard/*.js: names, axes, colours, URL values, columns, ticks) tested in real V8 by
/// node's own test runner, milliseconds each: every JS test in Js/*.test.mjs is one result here, with node's message.
/// </summary>
public sealed class PageScriptTests
{
    /// <summary>One JS test by "file › name" (a type of its own so the result's name is written whole, not cut at 50 characters).</summary>
    public sealed record JsTest(string Name)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<JsTest> JsTests => new(NodeTestRun.Shared.Value.Results.Keys.Select(k => new JsTest(k)));

    // Enumerated when run, not when discovered: a filtered run of other tests never starts node.
    [Theory]
    [MemberData(nameof(JsTests), DisableDiscoveryEnumeration = true)]
    public void Passes_in_node(JsTest test)
    {
        var result = NodeTestRun.Shared.Value.Results[test.Name];
        Assert.True(result.Ok, $"{test.Name}\n{result.Message}");
    }
}
