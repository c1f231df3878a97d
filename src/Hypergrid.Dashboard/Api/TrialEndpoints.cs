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
        ListAnswer? last = null; // swapped whole (a reference), so concurrent requests never see half of one
        app.MapMethods("/api/trials", ReadMethods.GetAndHead, (HttpContext http) =>
        {
            var (trials, fingerprint) = scanner.ScanWithFingerprint();
            // What the scan saw is what it saw last time: the same answer, not serialized and hashed again.
            var known = Volatile.Read(ref last);
            if (known is null || known.Fingerprint != fingerprint)
            {
                var fresh = JsonSerializer.SerializeToUtf8Bytes(new { root = scanner.LogRoot, metrics, trials = trials.Select(t => Shape(t.Record, t.Config, t.Log, t.Final)) }, Json);
                known = new ListAnswer(fingerprint, fresh, $"\"{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(fresh))[..32]}\"");
                Volatile.Write(ref last, known);
            }
            var (body, etag) = (known.Body, known.ETag);
            // A page refreshing every 2 s gets 304 while nothing in the list changed: a study of 10,000 trials costs
            // a few hundred bytes per refresh instead of megabytes.
            http.Response.Headers.ETag = etag;
            http.Response.Headers.CacheControl = "no-cache";
            if (http.Request.Headers.IfNoneMatch.Contains(etag)) return Results.StatusCode(StatusCodes.Status304NotModified);
            return Results.Bytes(body, "application/json");
        });
        return app;
    }

    /// <summary>The last answer and the scan fingerprint it was made for.</summary>
    private sealed record ListAnswer(ulong Fingerprint, byte[] Body, string ETag);

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
