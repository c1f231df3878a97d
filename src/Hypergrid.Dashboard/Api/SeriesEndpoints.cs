using System.Text.Json;
using Hypergrid.Dashboard.Series;
using Hypergrid.Trials.Logs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Hypergrid.Dashboard.Api;

/// <summary>
/// GET /api/series/&lt;mode&gt;/&lt;dataset&gt;/&lt;model&gt;/&lt;trainer&gt;/trial_###?phase=train&amp;metrics=loss,acc&amp;x=samples&amp;from=A&amp;to=B&amp;points=N:
/// the rows of one phase whose place on the x axis is in [A, B), A and B in that axis's units (train steps for x=step
/// or no x, samples seen for x=samples, epochs for x=epochf; decimals allowed), mapped to the trial's own steps by its
/// own scale (<see cref="AxisRange"/>), in N buckets of w = ceil(steps / N) steps ("axis": "train_step": a row's step
/// is the number of train rows before it, so a val pass sits at the train batches done when it ran and train and val
/// align; "from" and "to" answer the steps bucketed), each with the first, last, min, max and mean of every metric
/// (empty cells skipped; a bucket where a metric has none gives nulls) and "at", the step of its last row; "raw" when
/// every bucket is one row; "lone", per bucket, whether it stands alone (<see cref="LoneBuckets"/>: a value, none in
/// the buckets beside it, those just outside the range included): the page draws its spread as an error bar, not a band.
/// fromstep=S instead of from and to: from train step S on any axis (a live page's tail).
/// Exact at every zoom: every number is a reduction of the rows, answered from the step log's block summaries.
/// GET /api/series-group?trial=PATH&amp;trial=PATH…&amp;(same): the same buckets over a group of trials (its seeds), each
/// adding only its own rows of the range: per bucket
/// the mean and sample std of the trials' bucket means, n (trials with a value), the true min and max of all rows, and
/// lone (some trial has a value, none in the buckets beside it).
/// With x=step|samples|epochf, both answer "x": where each bucket sits on that axis by the one rule the figure files
/// use too (<see cref="StepX"/>): "mean" for its mean, "last" for its last value, "logged" when samples seen are the
/// log's own counts, or "missing": what the trial lacks to be placed there (its batch_size, its batches per epoch);
/// "scale", what one train step is on that axis for the places answered (a group: "scales", per trial asked, in order).
/// A running trial's scale by epochs changes when its first epoch ends (the train set ÷ batch_size until then, the
/// log's own rows per epoch after): a page extending what it holds asks afresh when the scale it gets differs.
/// </summary>
public static class SeriesEndpoints
{
    private static readonly string[] Reductions = ["first", "last", "min", "max", "mean"];

    /// <summary>What the step of every answer counts.</summary>
    public const string Axis = "train_step";

    private const int MaxGroup = 1000;

    public static IEndpointRouteBuilder MapSeries(this IEndpointRouteBuilder app, string logRoot, SeriesStore store, TrialLookup trials, TrialXScales scales)
    {
        app.MapMethods("/api/series/{**path}", ReadMethods.GetAndHead, async (string path, HttpContext http) =>
        {
            var query = SeriesQuery.Parse(k => http.Request.Query[k].FirstOrDefault(), out var error);
            if (error is not null) return Results.BadRequest(error);
            var dir = TrialPaths.Folder(logRoot, path.TrimEnd('/'));
            if (dir is null) return Results.NotFound("no such trial under out/log");
            // The trial's scale on the axis first (whether its log counts samples decides it), then its own steps of the
            // asked range, which is in the axis's units.
            if (await store.WithLogAsync(dir, query.Columns, log => new Has(log.Metrics.Contains(XScale.LoggedSamples)), http.RequestAborted) is not { } has)
                return Results.NotFound("this trial has no batch log yet");
            var (scale, missing) = query.X is null or "step" ? (XScale.Step, null)
                : await scales.ForAsync(trials.Find(path), query.X, has.Samples, http.RequestAborted);
            string? problem = null;
            var got = await store.WithLogAsync(dir, query.Columns, log =>
            {
                problem = StepBuckets.Check(log, query);
                if (problem is not null) return null;
                var range = query.Resolve(log.Extent, query.StepsOf(log, scale));
                if (range.Buckets > SeriesQuery.MaxPoints) { problem = StepBuckets.TooMany(range.Width); return null; }
                var buckets = StepBuckets.Of(log, query, range);
                // Raw: every bucket one step and at most one row (several val rows of one pass share a step).
                var raw = range.Width == 1 && log.RowsAt(query.Phase, range.From, range.To) is var (lo, hi) && hi - lo == buckets.At.Count(a => a is not null);
                return new Bucketed(range, buckets, log.Rows(query.Phase), raw);
            }, http.RequestAborted);
            if (problem is not null) return Results.BadRequest(problem);
            if (got is null) return Results.NotFound("this trial has no batch log yet");
            var x = query.X is { } axis ? BucketX.ForTrial(got.Buckets, query.Phase, axis, scale, missing) : null;
            http.Response.Headers.CacheControl = "no-store";
            return Results.Bytes(Answer(query, got, x), "application/json");
        });
        app.MapMethods("/api/series-group", ReadMethods.GetAndHead, async (HttpContext http) =>
        {
            var query = SeriesQuery.Parse(k => http.Request.Query[k].FirstOrDefault(), out var error);
            if (error is not null) return Results.BadRequest(error);
            var paths = http.Request.Query["trial"].Where(t => !string.IsNullOrEmpty(t)).Select(t => t!).Distinct().ToList();
            if (paths.Count is 0 or > MaxGroup) return Results.BadRequest($"name 1 to {MaxGroup} trials with trial=PATH (repeated)");
            var dirs = paths.Select(p => TrialPaths.Folder(logRoot, p.Trim('/'))).ToList();
            if (paths.Where((_, i) => dirs[i] is null).FirstOrDefault() is { } unknown) return Results.NotFound($"no such trial under out/log: {unknown}");
            var members = paths.Select(p => query.X is null or "step" ? null : trials.Find(p)).ToList();
            var (group, problem) = await GroupSeries.ComputeAsync(store, dirs.Select(d => d!).ToList(), query,
                (m, logged, cancel) => scales.ForAsync(members[m], query.X!, logged, cancel), http.RequestAborted);
            if (problem is not null) return Results.BadRequest(problem);
            var x = query.X is { } axis ? BucketX.ForGroup(group!, axis) : null;
            http.Response.Headers.CacheControl = "no-store";
            return Results.Bytes(GroupAnswer(group!, x), "application/json");
        });
        return app;
    }

    /// <summary>Whether a trial's log has the samples column.</summary>
    private sealed record Has(bool Samples);

    /// <summary>One trial's buckets, its rows of the phase and whether every bucket is one row.</summary>
    private sealed record Bucketed((int From, int To, int Width, long Buckets) Range, StepBuckets Buckets, int Rows, bool Raw);

    private static byte[] Answer(SeriesQuery q, Bucketed got, BucketX? x)
    {
        return Json(q, got.Range, got.Rows, got.Raw, got.Buckets.At, x, json =>
        {
            foreach (var (metric, summaries) in got.Buckets.Metrics)
            {
                json.WriteStartObject(metric);
                foreach (var r in Reductions)
                    Numbers(json, r, summaries.Select(s => s.Count == 0 ? (double?)null
                        : r switch { "first" => s.First, "last" => s.Last, "min" => s.Min, "max" => s.Max, _ => s.Mean }));
                Flags(json, "lone", got.Buckets.Lone(metric));
                json.WriteEndObject();
            }
        });
    }

    private static byte[] GroupAnswer(GroupSeries g, BucketX? x)
    {
        return Json(g.Query, g.Range, null, false, g.At, x, json =>
        {
            json.WriteNumber("trials", g.Trials);
            foreach (var (metric, stats) in g.Metrics)
            {
                json.WriteStartObject(metric);
                Numbers(json, "mean", stats.Mean);
                Numbers(json, "std", stats.Std);
                Numbers(json, "min", stats.Min);
                Numbers(json, "max", stats.Max);
                json.WriteStartArray("n");
                foreach (var n in stats.N) json.WriteNumberValue(n);
                json.WriteEndArray();
                Flags(json, "lone", stats.Lone);
                json.WriteEndObject();
            }
        });
    }

    private static void Flags(Utf8JsonWriter json, string name, bool[] values)
    {
        json.WriteStartArray(name);
        foreach (var v in values) json.WriteBooleanValue(v);
        json.WriteEndArray();
    }

    private static void Numbers(Utf8JsonWriter json, string name, IEnumerable<double?> values)
    {
        json.WriteStartArray(name);
        foreach (var v in values)
            if (v is { } d && double.IsFinite(d)) json.WriteNumberValue(d); else json.WriteNullValue();
        json.WriteEndArray();
    }

    private static byte[] Json(SeriesQuery q, (int From, int To, int Width, long Buckets) range, int? rows, bool raw, int?[] at, BucketX? x, Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("axis", Axis);
            json.WriteString("phase", q.Phase);
            if (rows is { } n) json.WriteNumber("rows", n);
            json.WriteNumber("from", range.From);
            json.WriteNumber("to", range.To);
            json.WriteBoolean("raw", raw);
            json.WriteNumber("width", range.Width);
            json.WriteStartArray("step");
            for (var b = 0; b < range.Buckets; b++) json.WriteNumberValue(range.From + (long)b * range.Width);
            json.WriteEndArray();
            json.WriteStartArray("at");
            foreach (var a in at) if (a is { } v) json.WriteNumberValue(v); else json.WriteNullValue();
            json.WriteEndArray();
            if (x is not null)
            {
                json.WriteStartObject("x");
                json.WriteString("axis", x.Axis);
                json.WriteBoolean("logged", x.Logged);
                if (x.Missing is not null) json.WriteString("missing", x.Missing);
                if (x.Scale is { } scale) json.WriteNumber("scale", scale);
                if (x.Scales is not null) Numbers(json, "scales", x.Scales);
                if (x.Mean is not null) Numbers(json, "mean", x.Mean);
                if (x.Last is not null) Numbers(json, "last", x.Last);
                json.WriteEndObject();
            }
            body(json);
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
