using System.Text.Json;
using Hypergrid.Dashboard.Aggregation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Hypergrid.Dashboard.Api;

/// <summary>
/// POST /api/epochs with {"trials": ["mode/dataset/model/trainer/trial_###", ...]}: the epoch logs of
/// many trials in one answer, as columns ({"epoch": [...], "mode": [...], "loss": [...]}), so a page of
/// hundreds of trials costs one request and a native JSON parse instead of hundreds of CSV parses.
/// With <c>?format=f32</c> the same columns come as float32 binary (<see cref="Float32Columns"/>): what the page uses.
/// </summary>
public static class EpochEndpoints
{
    private sealed record Request(string[] Trials);

    // Keyed by the CSV instance the store hands out: it lives exactly as long as the store remembers that log.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<string, Float32Columns> Parsed = new();

    public static IEndpointRouteBuilder MapEpochs(this IEndpointRouteBuilder app, string logRoot, EpochLogStore store)
    {
        app.MapPost("/api/epochs", async (HttpContext http) =>
        {
            var request = await JsonSerializer.DeserializeAsync<Request>(http.Request.Body, JsonSerializerOptions.Web, http.RequestAborted);
            if (request?.Trials is null) return Results.BadRequest("send {\"trials\": [\"mode/dataset/model/trainer/trial_###\", ...]}");
            http.Response.Headers.CacheControl = "no-store";
            if (http.Request.Query["format"] == "f32")
            {
                var found = new List<(string, Float32Columns)>();
                foreach (var trial in request.Trials.Distinct())
                    if (await Load(trial) is { } csv) found.Add((trial, Parsed.GetValue(csv, Float32Columns.Parse)));
                http.Response.ContentType = "application/octet-stream";
                await Float32Columns.WriteAsync(http.Response.Body, found, http.RequestAborted);
                return Results.Empty;
            }
            http.Response.ContentType = "application/json";
            await using var json = new Utf8JsonWriter(http.Response.Body);
            json.WriteStartObject();
            foreach (var trial in request.Trials.Distinct())
            {
                if (await Load(trial) is not { } csv) continue;
                json.WritePropertyName(trial);
                Columns(json, csv);
                await json.FlushAsync(http.RequestAborted);
            }
            json.WriteEndObject();
            return Results.Empty;

            async Task<string?> Load(string trial)
            {
                var dir = SafePath.Resolve(logRoot, trial);
                var log = dir is null || !Directory.Exists(dir) ? null : await store.GetAsync(dir, http.RequestAborted);
                return log?.Csv;
            }
        });
        return app;
    }

    /// <summary>Writes a CSV as {"column": [values]}; numbers stay numbers, empty cells become null.</summary>
    private static void Columns(Utf8JsonWriter json, string csv)
    {
        var table = new EpochTable(csv);
        json.WriteStartObject();
        for (var c = 0; c < table.Names.Length; c++)
        {
            json.WriteStartArray(table.Names[c]);
            for (var r = 0; r < table.Rows; r++)
            {
                var cell = table.Cell(r, c);
                if (table.Names[c] == "mode") json.WriteStringValue(cell);
                else if (LooksLikeJsonNumber(cell)) json.WriteRawValue(cell, skipInputValidation: true);
                else if (double.TryParse(cell, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)) json.WriteNumberValue(v);
                else json.WriteNullValue();
            }
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }

    /// <summary>-?digits[.digits][(e|E)[+-]digits]: what the epoch log writes for every finite number.</summary>
    private static bool LooksLikeJsonNumber(ReadOnlySpan<char> s)
    {
        var i = 0;
        if (i < s.Length && s[i] == '-') i++;
        var start = i;
        while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
        if (i == start || (s[start] == '0' && i - start > 1)) return false;
        if (i < s.Length && s[i] == '.')
        {
            var f = ++i;
            while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
            if (i == f) return false;
        }
        if (i < s.Length && (s[i] == 'e' || s[i] == 'E'))
        {
            i++;
            if (i < s.Length && (s[i] == '+' || s[i] == '-')) i++;
            var e = i;
            while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
            if (i == e) return false;
        }
        return i == s.Length;
    }
}
