using Hypergrid.Dashboard.Trials;
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
    public static IEndpointRouteBuilder MapTrials(this IEndpointRouteBuilder app, TrialScanner scanner)
    {
        var metrics = BatchLogSchema.Columns.Where(c => c.Reduction is not (Reduction.Key or Reduction.Drop))
            .Select(c => new TrialListMetric(c.Name, c.Reduction.ToString().ToLowerInvariant(), c.Meaning)).ToList();
        ListAnswer? last = null; // swapped whole (a reference), so concurrent requests never see half of one
        app.MapMethods("/api/trials", ReadMethods.GetAndHead, (HttpContext http) =>
        {
            var (trials, fingerprint) = scanner.ScanWithFingerprint();
            // What the scan saw is what it saw last time: the same answer, not serialized and hashed again.
            var known = Volatile.Read(ref last);
            if (known is null || known.Fingerprint != fingerprint)
            {
                var fresh = TrialListJson.Write(scanner.LogRoot, metrics, trials);
                known = new ListAnswer(fingerprint, fresh, $"\"{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(fresh))[..32]}\"");
                Volatile.Write(ref last, known);
            }
            var (body, etag) = (known.Body, known.ETag);
            // A deferred journal starts watching once an answer is sent: its walk of every folder (1.5 s of CPU at 100,000
            // trials) is no part of the first one, and the scans after it are quiet.
            if (scanner.Journal is { } journal) http.Response.OnCompleted(() => { journal.Start(); return Task.CompletedTask; });
            // The list index too is written after the answer (28 MB at 100,000 trials), not beside it.
            http.Response.OnCompleted(() => { scanner.SaveIndex(); return Task.CompletedTask; });
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
}
