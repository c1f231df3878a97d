using System.Text.Json;
using Hypergrid.Dashboard.Figures;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Hypergrid.Dashboard.Api;

/// <summary>
/// POST /api/names {"trials": [PATH, …], "group": true}: what a legend calls each line of these trials, by the figure
/// files' rule (<see cref="LegendNames"/>), so the page's key and cursor legend name its lines as a figure of the same
/// selection does: {"title": KEY or null, "lines": [{"name": …, "trials": [PATH, …]}, …]}, one line per group of seeds
/// (group) or per trial, in the order first seen. Paths that are no trial under out/log are left out.
/// </summary>
public static class NameEndpoints
{
    private const string Usage = "send {\"trials\": [\"mode/dataset/model/trainer/trial_###\", ...], \"group\": true|false}";

    public static IEndpointRouteBuilder MapNames(this IEndpointRouteBuilder app, TrialLookup lookup)
    {
        app.MapPost("/api/names", async (HttpContext http) =>
        {
            List<string> paths;
            bool group;
            try
            {
                using var doc = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("trials", out var list) || list.ValueKind != JsonValueKind.Array
                    || list.EnumerateArray().Any(t => t.ValueKind != JsonValueKind.String))
                    return Results.BadRequest(Usage);
                paths = list.EnumerateArray().Select(t => t.GetString()!).Distinct().ToList();
                group = root.TryGetProperty("group", out var g) && g.ValueKind == JsonValueKind.True;
            }
            catch (JsonException) { return Results.BadRequest(Usage); }
            var trials = lookup.FindAll(paths);
            var lines = group ? SeedGroups.Of(trials) : trials.Select(t => new List<FigureTrial> { t }).ToList();
            var (title, names) = lines.Count == 0 ? (null, []) : LegendNames.Of(lines.Select(l => l[0]).ToList(), withSeed: !group);
            http.Response.Headers.CacheControl = "no-store";
            return Results.Json(new
            {
                title,
                lines = lines.Select((l, i) => new { name = names[i], trials = l.Select(t => t.Path) }),
            }, TrialListJson.Options);
        });
        return app;
    }
}
