using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hypergrid.Config.Trials;

/// <summary>run.json: how a trial ran and how it ended (SPEC 3).</summary>
public sealed record RunRecord
{
    public string Status { get; init; } = "running";
    public string? RunId { get; init; }
    public string CfgSha256 { get; init; } = "";
    public DateTimeOffset Started { get; init; }
    public DateTimeOffset? Ended { get; init; }
    public double? Seconds { get; init; }
    public string Host { get; init; } = "";
    public int Pid { get; init; }
    public int Threads { get; init; }
    public string Device { get; init; } = "cpu";
    public Dictionary<string, string> Versions { get; init; } = [];
    public DataRecord? Data { get; init; }
    public Dictionary<string, double?> Final { get; init; } = [];
    public string? Error { get; init; }
    public string? SlurmJob { get; init; }

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Reads run.json; null when missing or unreadable (a crash mid-write cannot happen: writes are atomic).</summary>
    public static RunRecord? TryRead(string trialDir)
    {
        var path = Path.Combine(trialDir, TrialFiles.Run);
        try { return File.Exists(path) ? JsonSerializer.Deserialize<RunRecord>(File.ReadAllText(path), Json) : null; }
        catch (Exception ex) when (ex is JsonException or IOException) { return null; }
    }

    public void Write(string trialDir) =>
        AtomicFile.WriteAllText(Path.Combine(trialDir, TrialFiles.Run), JsonSerializer.Serialize(this, Json));
}

/// <summary>Which data a trial trained on.</summary>
public sealed record DataRecord(string Name, string Source, int TrainSamples, int ValSamples, string Checksum);
