using System.Text.Json.Serialization;

namespace Hypergrid.Trials;

/// <summary>How an attempt at a trial stands or ended, as run.json records it.</summary>
public enum RunStatus
{
    [JsonStringEnumMemberName("running")] Running,
    [JsonStringEnumMemberName("complete")] Complete,
    [JsonStringEnumMemberName("failed")] Failed,
    /// <summary>Stopped by a signal (SIGTERM, scancel, a time limit); the trial stays pending.</summary>
    [JsonStringEnumMemberName("interrupted")] Interrupted,
    /// <summary>Another worker took the claim over after a stall; never written to run.json (the files are the new holder's).</summary>
    [JsonStringEnumMemberName("lost")] Lost,
    /// <summary>Stopped at a search rung's epoch with its checkpoint kept; continues only if a decision promotes it.</summary>
    [JsonStringEnumMemberName("paused")] Paused,
}
