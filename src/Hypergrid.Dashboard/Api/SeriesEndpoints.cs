using System.Text.Json;
using Hypergrid.Dashboard.Series;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Hypergrid.Dashboard.Api;

/// <summary>
/// GET /api/series/&lt;mode&gt;/&lt;dataset&gt;/&lt;model&gt;/&lt;trainer&gt;/trial_###?phase=train&amp;metrics=loss,acc&amp;from=A&amp;to=B&amp;points=N:
/// the rows of one phase with step in [A, B) (step: the row's ordinal among that phase's rows), in N buckets of
/// w = ceil((B - A) / N) steps, each with the first, last, min, max and mean of every metric (empty cells skipped; a
/// bucket where a metric has none gives nulls), or the rows themselves when B - A &lt;= N (raw). Exact at every zoom:
/// every number is a reduction of the rows, answered from the step log's block summaries.
/// </summary>
public static class SeriesEndpoints
{
    private static readonly string[] Reductions = ["first", "last", "min", "max", "mean"];

    public static IEndpointRouteBuilder MapSeries(this IEndpointRouteBuilder app, string logRoot, SeriesStore store)
    {
        app.MapMethods("/api/series/{**path}", ReadMethods.GetAndHead, async (string path, HttpContext http) =>
        {
            var query = SeriesQuery.Parse(k => http.Request.Query[k].FirstOrDefault(), out var error);
            if (error is not null) return Results.BadRequest(error);
            var dir = TrialPaths.Folder(logRoot, path.TrimEnd('/'));
            if (dir is null) return Results.NotFound("no such trial under out/log");
            string? problem = null;
            var body = await store.WithLogAsync(dir, query.Metrics, log =>
            {
                var unknown = query.Metrics.Where(m => !log.Metrics.Contains(m)).ToList();
                if (unknown.Count > 0) { problem = $"unknown metric {string.Join(", ", unknown)}; this log has: {string.Join(", ", log.Metrics)}"; return null; }
                if (!log.Phases.Contains(query.Phase)) { problem = $"unknown phase {query.Phase}; this log has: {string.Join(", ", log.Phases)}"; return null; }
                var range = query.Resolve(log.Rows(query.Phase));
                if (range.Buckets > SeriesQuery.MaxPoints)
                {
                    problem = $"width={range.Width} makes more than {SeriesQuery.MaxPoints:N0} buckets; ask for a wider width or a shorter range";
                    return null;
                }
                return Answer(log, query, range);
            }, http.RequestAborted);
            if (problem is not null) return Results.BadRequest(problem);
            if (body is null) return Results.NotFound("this trial has no batch log yet");
            http.Response.Headers.CacheControl = "no-store";
            return Results.Bytes(body, "application/json");
        });
        return app;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static byte[] Answer(StepLog log, SeriesQuery q, (int From, int To, int Width, long Buckets) range)
    {
        var rows = log.Rows(q.Phase);
        var (from, to, width, count) = range;
        var buckets = (int)count;
        var raw = width == 1;
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("phase", q.Phase);
            json.WriteNumber("rows", rows);
            json.WriteNumber("from", from);
            json.WriteNumber("to", to);
            json.WriteBoolean("raw", raw);
            json.WriteNumber("width", width);
            json.WriteStartArray("step");
            for (var b = 0; b < buckets; b++) json.WriteNumberValue(from + (long)b * width);
            json.WriteEndArray();
            foreach (var metric in q.Metrics.Distinct())
            {
                var series = log.Series(q.Phase, metric);
                var summaries = new Summary[buckets];
                // In long: from + width may pass int's range (width=2147483647 is one bucket over everything, not none).
                for (var b = 0; b < buckets; b++)
                    summaries[b] = series is null ? Summary.Empty : series.Query((int)(from + (long)b * width), (int)Math.Min(from + (b + 1L) * width, to));
                json.WriteStartObject(metric);
                foreach (var r in Reductions)
                {
                    json.WriteStartArray(r);
                    foreach (var s in summaries)
                    {
                        if (s.Count == 0) { json.WriteNullValue(); continue; }
                        var v = r switch { "first" => s.First, "last" => s.Last, "min" => s.Min, "max" => s.Max, _ => s.Sum / s.Count };
                        if (double.IsFinite(v)) json.WriteNumberValue(v); else json.WriteNullValue();
                    }
                    json.WriteEndArray();
                }
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
