using System.Text.Json;
using Hypergrid.Dashboard.Trials;
using Hypergrid.Trials;
using Hypergrid.Trials.Logs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Hypergrid.Dashboard.Api;

/// <summary>
/// GET /api/trials: every trial with its state, config, data source and final metrics (the epoch log's values),
/// and the batch log's metric columns with their reductions, so the page's metric list comes from the one schema.
/// </summary>
public static class TrialEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static IEndpointRouteBuilder MapTrials(this IEndpointRouteBuilder app, TrialScanner scanner)
    {
        var metrics = BatchLogSchema.Columns.Where(c => c.Reduction is not (Reduction.Key or Reduction.Drop))
            .Select(c => new { name = c.Name, reduction = c.Reduction.ToString().ToLowerInvariant(), meaning = c.Meaning }).ToList();
        app.MapMethods("/api/trials", ReadMethods.GetAndHead, (HttpContext http) =>
        {
            var body = JsonSerializer.SerializeToUtf8Bytes(new { root = scanner.LogRoot, metrics, trials = scanner.Scan().Select(t => Shape(t.Record, t.Config, t.Log, t.Final)) }, Json);
            // A page refreshing every 2 s gets 304 while nothing in the list changed: a study of 10,000 trials costs
            // a few hundred bytes per refresh instead of megabytes.
            var etag = $"\"{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(body))[..32]}\"";
            http.Response.Headers.ETag = etag;
            http.Response.Headers.CacheControl = "no-cache";
            if (http.Request.Headers.IfNoneMatch.Contains(etag)) return Results.StatusCode(StatusCodes.Status304NotModified);
            return Results.Bytes(body, "application/json");
        });
        return app;
    }

    private static object Shape(TrialRecord r, System.Text.Json.Nodes.JsonObject? config, string? log, Dictionary<string, double?> final)
    {
        var run = r.Run;
        return new
        {
            path = r.Id.ToString(), mode = r.Id.Mode, dataset = r.Id.Dataset, model = r.Id.Model, trainer = r.Id.Trainer, trial = r.Id.Folder,
            state = r.State.Name(), note = r.Note, resumesAt = r.ResumesAt, config,
            dataSource = run?.Data?.Source, trainSamples = run?.Data?.TrainSamples, valSamples = run?.Data?.ValSamples,
            code = run?.Code?.Sha256 is null ? null : run.Code.Short, // a program's code (short hash): bands never pool two codes
            final, seconds = run?.Seconds, error = r.Error, log,
            gpus = run?.Gpus, // the GPUs its (last) attempt was given: a running trial shows where it runs
        };
    }
}
