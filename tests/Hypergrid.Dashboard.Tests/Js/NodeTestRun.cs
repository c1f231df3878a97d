using System.Diagnostics;
using System.Text.Json;
using Hypergrid.Config;

namespace Hypergrid.Dashboard.Tests.Js;

/// <summary>
/// One run of node's own test runner (node --test) over the JS tests beside this file (*.test.mjs), shared by every
/// result PageScriptTests shows: each JS test by its file and name, whether it passed, and node's failure message.
/// A run that could not start or that ended without saying why is a failed result of its own, never no result.
/// </summary>
public sealed class NodeTestRun
{
    /// <summary>The run, made once per test process (node starts once for all the JS tests).</summary>
    public static readonly Lazy<NodeTestRun> Shared = new(() => new NodeTestRun());

    private NodeTestRun() => Results = Dir is null
        ? Failed("the JS tests", "tests/Hypergrid.Dashboard.Tests/Js/page.mjs not found above the working folder")
        : Run(Dir, Path.Combine(Dir, "reporter.mjs"));

    /// <summary>The folder of the JS tests and their reporter (tests/Hypergrid.Dashboard.Tests/Js), or null when not found.</summary>
    public static readonly string? Dir = RepoFiles.FindFolder(Path.Combine("tests", "Hypergrid.Dashboard.Tests", "Js"), "page.mjs");

    /// <summary>Each JS test's outcome by "file › name", in the order node finished them.</summary>
    public IReadOnlyDictionary<string, JsResult> Results { get; }

    /// <summary>Runs node --test over the *.test.mjs files of <paramref name="dir"/> with <paramref name="reporter"/>: each test's outcome by "file › name".</summary>
    public static Dictionary<string, JsResult> Run(string dir, string reporter)
    {
        var results = new Dictionary<string, JsResult>();
        var files = Directory.GetFiles(dir, "*.test.mjs").Order(StringComparer.Ordinal).ToArray();
        var info = new ProcessStartInfo("node") { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "--test", "--test-reporter=" + new Uri(reporter).AbsoluteUri }.Concat(files.Select(Path.GetFileName))) info.ArgumentList.Add(a!);
        Process process;
        try { process = Process.Start(info)!; }
        catch (System.ComponentModel.Win32Exception)
        {
            return Failed("node", "Node.js is not installed (npm needs it too): apt-get install nodejs");
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(120_000)) { process.Kill(true); return Failed("node --test", "ran over 120 s"); }
            foreach (var line in output.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                // The reporter's lines only; anything else node wrote is in the message below if the run went wrong.
                if (!line.StartsWith("{\"file\":", StringComparison.Ordinal) || JsonSerializer.Deserialize<JsResult>(line, Json) is not { } r) continue;
                var key = $"{r.File} › {r.Name}";
                results[key] = results.ContainsKey(key) ? r with { Ok = false, Message = "two JS tests have this name in one file: rename one" } : r;
            }
            if (results.Count == 0 || (process.ExitCode != 0 && results.Values.All(r => r.Ok)))
                results["node --test"] = new JsResult("", "node --test", false, 0, $"node --test exited with {process.ExitCode} and {results.Count} result(s):\n{error.Result}{output.Result}");
        }
        return results;
    }

    private static Dictionary<string, JsResult> Failed(string name, string why) => new() { [name] = new JsResult("", name, false, 0, why) };

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };
}
