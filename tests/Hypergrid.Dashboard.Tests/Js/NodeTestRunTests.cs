namespace Hypergrid.Dashboard.Tests.Js;

/// <summary>
/// The JS harness itself, over a folder of small JS tests run once (a passing and a failing test, a file that does not
/// load, two tests of one name): what node reports becomes results, failures with node's words.
/// </summary>
public sealed class NodeTestRunTests(NodeTestRunTests.Folder folder) : IClassFixture<NodeTestRunTests.Folder>
{
    private const string Imports = "import { test } from 'node:test';\nimport assert from 'node:assert/strict';\n";

    /// <summary>The small JS tests and their results.</summary>
    public sealed class Folder : IDisposable
    {
        public string Dir { get; } = Directory.CreateTempSubdirectory("hypergrid-jstests-").FullName;
        public IReadOnlyDictionary<string, JsResult> Results { get; }

        public Folder()
        {
            // A test that writes to stdout does not disturb the results.
            File.WriteAllText(Path.Combine(Dir, "a.test.mjs"), Imports + "test('adds', () => assert.equal(1 + 1, 2));\ntest('breaks', () => assert.equal('sgd', 'adam'));\n"
                + "console.log('{\"file\": not json');\n");
            File.WriteAllText(Path.Combine(Dir, "broken.test.mjs"), "import nothing from './missing.mjs';\n");
            File.WriteAllText(Path.Combine(Dir, "twice.test.mjs"), Imports + "test('same', () => {});\ntest('same', () => assert.fail('the second'));\n");
            Results = NodeTestRun.Run(Dir, Reporter);
        }

        public void Dispose() => Directory.Delete(Dir, recursive: true);
    }

    private static string Reporter => Path.Combine(NodeTestRun.Dir ?? throw new InvalidOperationException("tests/Hypergrid.Dashboard.Tests/Js not found"), "reporter.mjs");

    [Fact]
    public void Each_JS_test_is_a_result_and_a_failing_one_carries_nodes_message()
    {
        Assert.True(folder.Results["a.test.mjs › adds"].Ok);
        var breaks = folder.Results["a.test.mjs › breaks"];
        Assert.False(breaks.Ok);
        Assert.Contains("'sgd'", breaks.Message);
        Assert.Contains("a.test.mjs:4", breaks.Message);
    }

    [Fact]
    public void A_file_that_does_not_load_is_a_failed_result_with_what_node_said()
    {
        var broken = folder.Results["broken.test.mjs › (loading the file)"];
        Assert.False(broken.Ok);
        Assert.Contains("missing.mjs", broken.Message);
    }

    [Fact]
    public void Two_tests_of_one_name_in_a_file_fail_rather_than_hide_each_other()
    {
        var twice = folder.Results["twice.test.mjs › same"];
        Assert.False(twice.Ok);
        Assert.Contains("rename one", twice.Message);
        Assert.Equal(4, folder.Results.Count);
    }

    [Fact]
    public void A_folder_without_tests_is_a_failed_result_not_a_pass()
    {
        var empty = Directory.CreateTempSubdirectory("hypergrid-jstests-").FullName;
        try { Assert.False(Assert.Single(NodeTestRun.Run(empty, Reporter)).Value.Ok); }
        finally { Directory.Delete(empty, recursive: true); }
    }
}
