using Hypergrid.Trials;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Hypergrid.Dashboard.Api;

/// <summary>
/// GET /api/logs/&lt;mode&gt;/&lt;dataset&gt;/&lt;model&gt;/&lt;trainer&gt;/trial_###/&lt;file&gt;: epoch_log.csv (built or
/// refreshed on demand; for a running trial, aggregated live from its partial log), batch_log.csv,
/// batch_log.partial.csv, cfg.yaml, run.json, worker.log. Only regular files whose real path is under out/log.
/// </summary>
public static class LogEndpoints
{
    private static readonly HashSet<string> Served =
        [TrialFiles.EpochLog, TrialFiles.BatchLog, TrialFiles.PartialLog, TrialFiles.Config, TrialFiles.Run, TrialFiles.WorkerLog];

    public static IEndpointRouteBuilder MapLogs(this IEndpointRouteBuilder app, string logRoot, EpochLogStore store)
    {
        app.MapMethods("/api/logs/{**path}", ReadMethods.GetAndHead, async (string path, HttpContext http) =>
        {
            var file = Path.GetFileName(path);
            if (!Served.Contains(file)) return Results.NotFound($"only {string.Join(", ", Served)} are served");
            var trialDir = TrialPaths.Folder(logRoot, path[..^file.Length].TrimEnd('/'));
            if (trialDir is null) return Results.NotFound("no such trial under out/log");
            http.Response.Headers.CacheControl = "no-store";
            if (file == TrialFiles.EpochLog)
            {
                var result = await store.GetAsync(trialDir, http.RequestAborted);
                if (result is null) return Results.NotFound("this trial has no batch log yet");
                http.Response.Headers["X-Hypergrid-Source"] = result.Value.Source;
                return Results.Text(result.Value.Table.ToCsv(), "text/csv");
            }
            // A running trial's partial log is its newest attempt's (a program's, or Hypergrid's own trainer's).
            var full = file == TrialFiles.PartialLog ? Attempt.LivePartialLog(trialDir) : Path.Combine(trialDir, file);
            var stream = full is null ? null : SafeFiles.Open(logRoot, full);
            if (stream is null) return Results.NotFound();
            return Results.Stream(stream, file.EndsWith(".csv") ? "text/csv" : file.EndsWith(".json") ? "application/json" : "text/plain");
        });
        return app;
    }
}
