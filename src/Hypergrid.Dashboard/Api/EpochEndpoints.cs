using System.Text.Json;
using Hypergrid.Trials.Logs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Hypergrid.Dashboard.Api;

/// <summary>
/// POST /api/epochs with {"trials": ["mode/dataset/model/trainer/trial_###", ...]}: the epoch tables of many
/// trials in one answer as float32 columns (<see cref="Float32Columns"/>), so a page of hundreds of trials costs one
/// request and no parsing in the browser. Unknown trials are left out; a malformed body is 400 with the reason.
/// </summary>
public static class EpochEndpoints
{
    private const string Usage = "send {\"trials\": [\"mode/dataset/model/trainer/trial_###\", ...]}";

    public static IEndpointRouteBuilder MapEpochs(this IEndpointRouteBuilder app, string logRoot, EpochLogStore store)
    {
        app.MapPost("/api/epochs", async (HttpContext http) =>
        {
            if (await ReadTrials(http) is not { } trials) return Results.BadRequest(Usage);
            var found = new List<(string, EpochTable)>();
            foreach (var trial in trials.Distinct())
            {
                var dir = TrialPaths.Folder(logRoot, trial);
                if (dir is not null && await store.GetAsync(dir, http.RequestAborted) is { } log) found.Add((trial, log.Table));
            }
            http.Response.Headers.CacheControl = "no-store";
            http.Response.ContentType = "application/octet-stream";
            await Float32Columns.WriteAsync(http.Response.Body, found, http.RequestAborted);
            return Results.Empty;
        });
        return app;
    }

    // The body must be an object whose "trials" is an array of strings; anything else is the client's mistake.
    private static async Task<List<string>?> ReadTrials(HttpContext http)
    {
        try
        {
            using var doc = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("trials", out var list) || list.ValueKind != JsonValueKind.Array)
                return null;
            var trials = new List<string>();
            foreach (var item in list.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String) return null;
                trials.Add(item.GetString()!);
            }
            return trials;
        }
        catch (JsonException) { return null; }
    }
}
