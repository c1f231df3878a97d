using Hypergrid.Config.Trials;
using Hypergrid.Dashboard.Aggregation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Hypergrid.Dashboard.Api;

/// <summary>
/// GET /api/logs/&lt;mode&gt;/&lt;dataset&gt;/&lt;model&gt;/&lt;trainer&gt;/trial_###/&lt;file&gt;: epoch_log.csv (built or
/// refreshed on demand; for a running trial, aggregated live from its partial log), batch_log.csv,
/// batch_log.partial.csv, cfg.yaml, run.json, worker.log.
/// </summary>
public static class LogEndpoints
{
    private static readonly HashSet<string> Served =
        [TrialFiles.EpochLog, TrialFiles.BatchLog, TrialFiles.PartialLog, TrialFiles.Config, TrialFiles.Run, TrialFiles.WorkerLog];

    public static IEndpointRouteBuilder MapLogs(this IEndpointRouteBuilder app, string logRoot, EpochLogStore store)
    {
        app.MapGet("/api/logs/{**path}", async (string path, HttpContext http) =>
        {
            var file = Path.GetFileName(path);
            if (!Served.Contains(file)) return Results.NotFound($"only {string.Join(", ", Served)} are served");
            var trialRel = path[..^file.Length].TrimEnd('/');
            var trialDir = SafePath.Resolve(logRoot, trialRel);
            if (trialDir is null || !Directory.Exists(trialDir)) return Results.NotFound("no such trial under out/log");
            http.Response.Headers.CacheControl = "no-store";
            if (file == TrialFiles.EpochLog)
            {
                var result = await store.GetAsync(trialDir, http.RequestAborted);
                if (result is null) return Results.NotFound("this trial has no batch log yet");
                http.Response.Headers["X-Hypergrid-Source"] = result.Value.Source;
                return Results.Text(result.Value.Csv, "text/csv");
            }
            var full = SafePath.Resolve(logRoot, $"{trialRel}/{file}");
            if (full is null || !File.Exists(full)) return Results.NotFound();
            var stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            return Results.Stream(stream, file.EndsWith(".csv") ? "text/csv" : file.EndsWith(".json") ? "application/json" : "text/plain");
        });
        return app;
    }
}
