using System.Text.Json;
using Hypergrid.Trials.Logs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Hypergrid.Dashboard.Api;

/// <summary>
/// POST /api/epochs with {"trials": ["mode/dataset/model/trainer/trial_###", ...]} and optionally "columns": [names]
/// and "phases": [names]: the epoch tables of many trials (only those columns of the rows of those phases) in one
/// answer as float32 columns (<see cref="Float32Columns"/>), so a page of hundreds of trials costs one request, no
/// parsing in the browser and no column it does not draw. Unknown trials are left out; a malformed body is 400 with the reason.
/// </summary>
public static class EpochEndpoints
{
    private const string Usage = "send {\"trials\": [\"mode/dataset/model/trainer/trial_###\", ...]} with optional \"columns\" and \"phases\" arrays of names";

    public static IEndpointRouteBuilder MapEpochs(this IEndpointRouteBuilder app, string logRoot, EpochLogStore store)
    {
        app.MapPost("/api/epochs", async (HttpContext http) =>
        {
            if (await ReadRequest(http) is not var (trials, selection)) return Results.BadRequest(Usage);
            var found = new List<(string, EpochTable)>();
            foreach (var trial in trials.Distinct())
            {
                var dir = TrialPaths.Folder(logRoot, trial);
                if (dir is not null && await store.GetAsync(dir, http.RequestAborted) is { } log) found.Add((trial, log.Table));
            }
            http.Response.Headers.CacheControl = "no-store";
            http.Response.ContentType = "application/octet-stream";
            await Float32Columns.WriteAsync(http.Response.Body, found, selection, http.RequestAborted);
            return Results.Empty;
        });
        return app;
    }

    // The body must be an object whose "trials" is an array of strings (and "columns" and "phases", when given, too);
    // anything else is the client's mistake.
    private static async Task<(List<string> Trials, EpochSelection Selection)?> ReadRequest(HttpContext http)
    {
        try
        {
            using var doc = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("trials", out var list) || Strings(list) is not { } trials) return null;
            HashSet<string>? Optional(string name, out bool bad)
            {
                bad = false;
                if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
                var names = Strings(value);
                bad = names is null;
                return names?.ToHashSet(StringComparer.Ordinal);
            }
            var columns = Optional("columns", out var badColumns);
            var phases = Optional("phases", out var badPhases);
            return badColumns || badPhases ? null : (trials, new EpochSelection(columns, phases));
        }
        catch (JsonException) { return null; }
    }

    private static List<string>? Strings(JsonElement list)
    {
        if (list.ValueKind != JsonValueKind.Array) return null;
        var names = new List<string>();
        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String) return null;
            names.Add(item.GetString()!);
        }
        return names;
    }
}
