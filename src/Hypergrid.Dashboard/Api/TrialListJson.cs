using System.Buffers;
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

    /// <summary>The whole answer: <c>{root, metrics, resultStates, trials}</c>.</summary>
    public static byte[] Write(string root, IReadOnlyList<TrialListMetric> metrics, IReadOnlyList<(TrialRecord Record, Hypergrid.Dashboard.Trials.ShownConfig? Config, string? Log, Dictionary<string, double?> Final)> trials) =>
        Write(root, metrics, trials, trials.Count < 8192 ? 1 : Environment.ProcessorCount);

    /// <summary>
    /// The answer with its trials written in <paramref name="parts"/> parts on as many cores, then joined: the same bytes
    /// (a compact array's elements are joined by commas), a first answer at 100,000 trials writes 43 MB.
    /// </summary>
    internal static byte[] Write(string root, IReadOnlyList<TrialListMetric> metrics, IReadOnlyList<(TrialRecord Record, Hypergrid.Dashboard.Trials.ShownConfig? Config, string? Log, Dictionary<string, double?> Final)> trials, int parts)
    {
        parts = Math.Clamp(parts, 1, Math.Max(1, trials.Count));
        var arrays = new ReadOnlyMemory<byte>[parts];
        Parallel.For(0, parts, p => arrays[p] = Array(trials, trials.Count * p / parts, trials.Count * (p + 1) / parts));
        // The head as the writer makes it, with an empty list: {"root":…,"metrics":[…],"resultStates":[…],"trials":[]}.
        var head = new ArrayBufferWriter<byte>(4096);
        using (var w = new Utf8JsonWriter(head, new JsonWriterOptions { Encoder = Options.Encoder, SkipValidation = true }))
        {
            w.WriteStartObject();
            w.WriteString("root", root);
            // Field by field, as the serializer wrote them with these options: its reflection over the metric type (setting up
            // every built-in converter and emitting code) was a tenth of the code a first answer compiled.
            w.WriteStartArray("metrics");
            foreach (var m in metrics)
            {
                w.WriteStartObject();
                w.WriteString("name", m.Name);
                w.WriteString("reduction", m.Reduction);
                w.WriteString("meaning", m.Meaning);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            // The states whose logs are results (the report ranks them): the page offers Results metrics of those alone.
            w.WriteStartArray("resultStates");
            foreach (var state in TrialStateResults.Names) w.WriteStringValue(state);
            w.WriteEndArray();
            w.WriteStartArray("trials");
            w.WriteEndArray();
            w.WriteEndObject();
        }
        // Then "[a,b]" and "[c,d]" put in place of its "[]" as "[a,b,c,d]" (each part's elements, a comma between
        // non-empty parts), straight into the answer: 43 MB at 100,000 trials, copied once.
        var prefix = head.WrittenSpan[..^3];
        var elements = arrays.Where(a => a.Length > 2).ToList();
        var body = new byte[prefix.Length + 1 + elements.Sum(a => a.Length - 2) + Math.Max(0, elements.Count - 1) + 2];
        prefix.CopyTo(body);
        var at = prefix.Length;
        body[at++] = (byte)'[';
        for (var i = 0; i < elements.Count; i++)
        {
            if (i > 0) body[at++] = (byte)',';
            elements[i].Span[1..^1].CopyTo(body.AsSpan(at));
            at += elements[i].Length - 2;
        }
        body[at++] = (byte)']';
        body[at] = (byte)'}';
        return body;
    }

    // Trials [from, to) as a compact JSON array.
    private static ReadOnlyMemory<byte> Array(IReadOnlyList<(TrialRecord Record, Hypergrid.Dashboard.Trials.ShownConfig? Config, string? Log, Dictionary<string, double?> Final)> trials, int from, int to)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(Math.Max(4096, (to - from) * 512));
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = Options.Encoder, SkipValidation = true }))
        {
            w.WriteStartArray();
            for (var i = from; i < to; i++)
            {
                var (record, config, log, final) = trials[i];
                Trial(w, record, config, log, final);
            }
            w.WriteEndArray();
        }
        return buffer.WrittenMemory;
    }

    private static void Trial(Utf8JsonWriter w, TrialRecord r, Hypergrid.Dashboard.Trials.ShownConfig? config, string? log, Dictionary<string, double?> final)
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
