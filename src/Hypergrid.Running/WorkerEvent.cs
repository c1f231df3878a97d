using System.Text.Json;
using System.Text.Json.Serialization;
using Hypergrid.Trials;

namespace Hypergrid.Running;

/// <summary>
/// What a worker tells its launcher, one line of stdout each: "@hg {json}", a typed record serialised by a
/// source-generated context (so any text, a path with two spaces or an indented hint, arrives as it was sent).
/// Lines without the prefix are plain text for humans (and for cluster logs, where they are all there is).
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(TrialStarted), "start")]
[JsonDerivedType(typeof(TrialProgress), "progress")]
[JsonDerivedType(typeof(TrialDone), "done")]
public abstract record WorkerEvent(string Trial)
{
    private const string Prefix = "@hg ";

    public string ToLine() => Prefix + JsonSerializer.Serialize(this, WorkerJson.Default.WorkerEvent);

    public static WorkerEvent? TryParse(string line)
    {
        if (!line.StartsWith(Prefix, StringComparison.Ordinal)) return null;
        try { return JsonSerializer.Deserialize(line.AsSpan(Prefix.Length), WorkerJson.Default.WorkerEvent); }
        catch (JsonException) { return null; }
    }
}

/// <summary>A worker claimed a trial and starts training it.</summary>
public sealed record TrialStarted(string Trial) : WorkerEvent(Trial)
{
    /// <summary>The trial's GPUs ("gpu 2", "gpus 0,1"), null without any.</summary>
    public string? Devices { get; init; }
}

/// <summary>Where training is: a few times a second and at every epoch end.</summary>
public sealed record TrialProgress(string Trial, int Epoch, int Epochs, int Batch, int Batches, double Loss) : WorkerEvent(Trial);

/// <summary>How the attempt ended.</summary>
public sealed record TrialDone(string Trial, RunStatus Status, double Seconds, string? Error) : WorkerEvent(Trial);

/// <summary>The JSON of worker events: one line each, snake_case, NaN allowed.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UseStringEnumConverter = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(WorkerEvent))]
internal sealed partial class WorkerJson : JsonSerializerContext;
