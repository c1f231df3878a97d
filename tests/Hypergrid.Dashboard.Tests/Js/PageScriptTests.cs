namespace Hypergrid.Dashboard.Tests.Js;

/// <summary>
/// The page's pure decisions (dashboard/*.js: names, axes, colours, URL values, columns, ticks) tested in real V8 by
/// node's own test runner, milliseconds each: every JS test in Js/*.test.mjs is one result here, with node's message.
/// </summary>
public sealed class PageScriptTests
{
    public static TheoryData<string> JsTests => new(NodeTestRun.Shared.Value.Results.Keys);

    [Theory]
    [MemberData(nameof(JsTests))]
    public void Passes_in_node(string test)
    {
        var result = NodeTestRun.Shared.Value.Results[test];
        Assert.True(result.Ok, result.Message);
    }
}
