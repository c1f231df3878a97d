using System.Text.Json;
using Hypergrid.Config.Trials;

namespace Hypergrid.Running;

/// <summary>
/// What a worker tells its launcher, one line of stdout each: "@hg {json}". Lines without the prefix
/// are plain text for humans (and for cluster logs, where they are all there is).
/// </summary>
public sealed record WorkerEvent(string Kind, string Trial, int Epoch = 0, int Epochs = 0, int Batch = 0, int Batches = 0,
    double Loss = 0, string? State = null, double Seconds = 0, string? Error = null)
{
    private const string Prefix = "@hg ";

    public string ToLine() => Prefix + JsonSerializer.Serialize(this, RunRecord.Json).Replace("\n", "").Replace("  ", "");

    public static WorkerEvent? TryParse(string line)
    {
        if (!line.StartsWith(Prefix, StringComparison.Ordinal)) return null;
        try { return JsonSerializer.Deserialize<WorkerEvent>(line[Prefix.Length..], RunRecord.Json); }
        catch (JsonException) { return null; }
    }
}
