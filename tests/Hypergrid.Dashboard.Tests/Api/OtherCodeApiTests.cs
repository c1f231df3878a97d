using System.Text.Json;
using Hypergrid.Trials;
using Hypergrid.Trials.Code;

namespace Hypergrid.Dashboard.Tests.Api;

/// <summary>/api/trials judges cached program results by today's code: an edit changes no trial folder, yet shows.</summary>
public sealed class OtherCodeApiTests : IAsyncLifetime
{
    private const string Leaf = "sweep/clusters/softmax/sgd";
    private readonly LogTree tree = new();
    private TestServer? server;

    public async Task InitializeAsync()
    {
        File.WriteAllText(Path.Combine(tree.Root, "train.py"), "print('v1')\n");
        File.WriteAllText(Path.Combine(tree.Root, "notes.py"), "# notes\n");
        foreach (var (n, file) in new[] { (0, "train.py"), (1, "notes.py") })
        {
            var dir = tree.AddComplete($"{Leaf}/trial_00{n}", $"command: python3 {file}\nseed: 0\nlr: 0.{n + 1}\n", epochs: 2, batches: 2);
            (RunRecord.TryRead(dir)! with { Code = CodeIdentity.Of(tree.Root, ["python3", file], null, [tree.Out]) }).Write(dir);
        }
        server = await TestServer.StartAsync(tree);
    }

    public async Task DisposeAsync()
    {
        if (server is not null) await server.DisposeAsync();
        tree.Dispose();
    }

    private async Task<Dictionary<string, (string State, string? Note)>> States()
    {
        using var doc = JsonDocument.Parse(await server!.Http.GetStringAsync("/api/trials"));
        return doc.RootElement.GetProperty("trials").EnumerateArray().ToDictionary(t => t.GetProperty("trial").GetString()!,
            t => (t.GetProperty("state").GetString()!, t.TryGetProperty("note", out var n) ? n.GetString() : null));
    }

    [Fact]
    public async Task An_edit_of_a_results_code_file_makes_it_other_code_on_the_next_request_and_no_other_result()
    {
        Assert.Equal("complete", (await States())["trial_000"].State);
        var path = Path.Combine(tree.Root, "train.py");
        File.WriteAllText(path, "print('v1')  # edited\n");
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddSeconds(5));
        var states = await States();
        Assert.Equal(("other-code", "trained by other code: train.py changed since it ran (--retrain-other-code retrains it)"), states["trial_000"]);
        Assert.Equal("complete", states["trial_001"].State);
    }

    [Fact]
    public async Task Each_program_trial_carries_its_codes_short_hash_so_the_page_never_bands_two_codes_together()
    {
        using var doc = JsonDocument.Parse(await server!.Http.GetStringAsync("/api/trials"));
        var codes = doc.RootElement.GetProperty("trials").EnumerateArray().ToDictionary(t => t.GetProperty("trial").GetString()!, t => t.GetProperty("code").GetString());
        Assert.Equal(RunRecord.TryRead(tree.Trial($"{Leaf}/trial_000"))!.Code!.Sha256![..8], codes["trial_000"]);
        Assert.NotEqual(codes["trial_000"], codes["trial_001"]);
    }
}
