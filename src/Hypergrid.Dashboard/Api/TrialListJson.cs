using System.Text.Json;
using System.Text.Json.Nodes;
using Hypergrid.Trials;

namespace Hypergrid.Dashboard.Api;

/// <summary>
/// The body of GET /api/trials written field by field with one <see cref="Utf8JsonWriter"/>: the same bytes the
/// serializer gives for the documented shape, without reflecting over an object per trial (100,000 trials are 43 MB).
/// </summary>
public static class TrialListJson
{
    /// <summary>Options of the answer: web names, and NaN or infinities as the strings JavaScript's JSON reads back.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>The whole answer: <c>{root, metrics, trials}</c>.</summary>
    public static byte[] Write<TMetric>(string root, IReadOnlyList<TMetric> metrics, IReadOnlyList<(TrialRecord Record, JsonObject? Config, string? Log, Dictionary<string, double?> Final)> trials)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(Math.Max(4096, trials.Count * 512));
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = Options.Encoder, SkipValidation = true }))
        {
            w.WriteStartObject();
            w.WriteString("root", root);
            w.WritePropertyName("metrics");
            JsonSerializer.Serialize(w, metrics, Options);
            w.WriteStartArray("trials");
            foreach (var (record, config, log, final) in trials) Trial(w, record, config, log, final);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void Trial(Utf8JsonWriter w, TrialRecord r, JsonObject? config, string? log, Dictionary<string, double?> final)
    {
        var run = r.Run;
        w.WriteStartObject();
        w.WriteString("path", r.Id.ToString());
        w.WriteString("mode", r.Id.Mode);
        w.WriteString("dataset", r.Id.Dataset);
        w.WriteString("model", r.Id.Model);
        w.WriteString("trainer", r.Id.Trainer);
        w.WriteString("trial", r.Id.Folder);
        w.WriteString("state", r.State.Name());
        w.WriteString("note", r.Note);
        w.WriteString("resumesAt", r.ResumesAt);
        w.WritePropertyName("config");
        if (config is null) w.WriteNullValue();
        else config.WriteTo(w, Options);
        w.WriteString("dataSource", run?.Data?.Source);
        Number(w, "trainSamples", run?.Data?.TrainSamples);
        Number(w, "valSamples", run?.Data?.ValSamples);
        // A program's code (short hash): bands never pool two codes.
        w.WriteString("code", run?.Code?.Sha256 is null ? null : run.Code.Short);
        w.WriteStartObject("final");
        foreach (var (metric, value) in final) Number(w, metric, value);
        w.WriteEndObject();
        Number(w, "seconds", run?.Seconds);
        w.WriteString("error", r.Error);
        w.WriteString("log", log);
        // The GPUs its (last) attempt was given: a running trial shows where it runs.
        w.WritePropertyName("gpus");
        if (run?.Gpus is not { } gpus) w.WriteNullValue();
        else
        {
            w.WriteStartArray();
            foreach (var g in gpus) w.WriteStringValue(g);
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter w, string name, int? value)
    {
        if (value is { } v) w.WriteNumber(name, v);
        else w.WriteNull(name);
    }

    // As the serializer writes a double with named literals allowed: NaN, Infinity and -Infinity as strings.
    private static void Number(Utf8JsonWriter w, string name, double? value)
    {
        if (value is not { } v) w.WriteNull(name);
        else if (double.IsFinite(v)) w.WriteNumber(name, v);
        else w.WriteString(name, double.IsNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity");
    }
}
