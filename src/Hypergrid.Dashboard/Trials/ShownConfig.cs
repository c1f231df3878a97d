using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hypergrid.Dashboard.Trials;

/// <summary>
/// The config a trial list shows for a trial: the one its result was trained with (run.json's, as a node), or its
/// cfg.yaml's as the JSON bytes the list writes (100,000 of them kept as nodes were half of what a scanner's cache holds).
/// </summary>
public sealed class ShownConfig
{
    private readonly JsonObject? node;
    private readonly ReadOnlyMemory<byte> json;

    private ShownConfig(JsonObject? node, ReadOnlyMemory<byte> json) => (this.node, this.json) = (node, json);

    /// <summary>A config as a node (null stays null).</summary>
    public static ShownConfig? Of(JsonObject? node) => node is null ? null : new(node, null);

    /// <summary>A config as the compact JSON of an object, written as <see cref="JsonObject.WriteTo"/> writes it.</summary>
    public static ShownConfig OfJson(byte[] json) => new(null, json);

    /// <summary>
    /// As <see cref="OfJson(byte[])"/>, a part of a larger buffer (the list index's: one array for 100,000 configs instead of
    /// as many small ones for each collection to copy).
    /// </summary>
    public static ShownConfig OfJson(ReadOnlyMemory<byte> json) => new(null, json);

    /// <summary>Writes it as the list's value.</summary>
    public void WriteTo(Utf8JsonWriter w, JsonSerializerOptions options)
    {
        if (node is not null) node.WriteTo(w, options);
        else w.WriteRawValue(json.Span, skipInputValidation: true);
    }

    /// <summary>The config as a node (made from its bytes each time: for the few callers that look inside, such as figures).</summary>
    public JsonObject Node => node ?? JsonNode.Parse(json.Span)!.AsObject();

    /// <summary>The compact JSON text.</summary>
    public string ToJsonString() => node?.ToJsonString() ?? System.Text.Encoding.UTF8.GetString(json.Span);
}
