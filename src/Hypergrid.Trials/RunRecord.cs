using System.Text.Json;
using System.Text.Json.Nodes;
using Hypergrid.Trials.Code;

namespace Hypergrid.Trials;

/// <summary>run.json: what a trial ran with, on what, and how it ended.</summary>
public sealed record RunRecord
{
    public RunStatus Status { get; init; } = RunStatus.Running;
    public string? RunId { get; init; }

    /// <summary>sha256 of the cfg.yaml text the worker read.</summary>
    public string CfgSha256 { get; init; } = "";

    /// <summary>sha256 of the hyperparameter values (keys sorted, values canonical, non-hyperparameters such as slurm left out): what staleness compares.</summary>
    public string? ParamsSha256 { get; init; }

    /// <summary>
    /// sha256 of the effective hyperparameter values (every default written out, as the trial was trained): what staleness
    /// compares, so writing a default explicitly changes nothing. Null in results from before it was recorded.
    /// </summary>
    public string? EffectiveSha256 { get; init; }

    /// <summary>The resolved config this result was trained with, so it stays known after cfg.yaml changes.</summary>
    public JsonObject? Config { get; init; }

    public DateTimeOffset Started { get; init; }
    public DateTimeOffset? Ended { get; init; }
    /// <summary>The trial's time: the sum of <see cref="AttemptSeconds"/>, the attempts this result took (what status, the summary and the page show).</summary>
    public double? Seconds { get; init; }

    /// <summary>
    /// Each attempt's seconds, oldest first: those of the attempts this one continued (interrupted, paused or failed with a
    /// checkpoint), then its own once it ended. Null in results from before it was recorded.
    /// </summary>
    public IReadOnlyList<double>? AttemptSeconds { get; init; }
    public string Host { get; init; } = "";
    public int Pid { get; init; }
    public int Threads { get; init; }
    public string Device { get; init; } = "cpu";

    /// <summary>The GPUs the trial was given, as CUDA names them (null: its run had none; empty: it asked for none).</summary>
    public IReadOnlyList<string>? Gpus { get; init; }
    public Dictionary<string, string> Versions { get; init; } = [];
    public DataRecord? Data { get; init; }

    /// <summary>Final metrics, from the epoch log's reduction (val_loss, val_acc of the last epoch; best_val_acc).</summary>
    public Dictionary<string, double?> Final { get; init; } = [];
    public string? Error { get; init; }
    public string? SlurmJob { get; init; }

    /// <summary>Where this attempt continued a checkpoint (null: it trained from the start).</summary>
    public string? ResumedFrom { get; init; }

    /// <summary>A program asked to be continued later (exit 75) without a stop request: the same run does not start it again at once.</summary>
    public bool Yielded { get; init; }

    /// <summary>The epoch a paused trial stopped after (a search rung).</summary>
    public int? PausedAt { get; init; }

    /// <summary>The epochs the trial trains in all (written with a pause, for "paused at epoch 3 of 9").</summary>
    public int? Epochs { get; init; }

    /// <summary>
    /// A program under a search that wrote rows past the epoch it was told to stop after (HYPERGRID_STOP_AFTER_EPOCH):
    /// the epochs it trained past its rungs, summed over its attempts (null when it honoured them). Its rows are kept;
    /// decisions are made at the rung.
    /// </summary>
    public int? EpochsPastRung { get; init; }

    /// <summary>sha256 of the model.safetensors this trial wrote: eval refuses any other file in its place.</summary>
    public string? WeightsSha256 { get; init; }

    /// <summary>A program's exit code (null for Hypergrid's own trainers, and while it runs).</summary>
    public int? ExitCode { get; init; }

    /// <summary>A program's argument list as it was run (null for Hypergrid's own trainers).</summary>
    public IReadOnlyList<string>? Command { get; init; }

    /// <summary>A program's code: the files that ran and their hashes, the identity a reader compares (null for Hypergrid's own trainers).</summary>
    public CodeRecord? Code { get; init; }

    /// <summary>What ran a program's code (its interpreter, found on PATH; null for Hypergrid's own trainers).</summary>
    public InterpreterRecord? Interpreter { get; init; }

    /// <summary>The versions a program reported itself (python, torch, numpy... through the Python helper); null when it reported none.</summary>
    public SortedDictionary<string, string>? ProgramVersions { get; init; }

    /// <summary>The attempts a continuing attempt carries on from: those of the previous record unless it was complete.</summary>
    public static IReadOnlyList<double> EarlierAttempts(RunRecord? previous) => previous switch
    {
        null or { Status: RunStatus.Complete } => [],
        { AttemptSeconds: { } earlier } => earlier,
        { Status: not RunStatus.Running, Seconds: { } seconds } => [seconds], // recorded before attempts were
        _ => [],
    };

    /// <summary>This attempt ended after <paramref name="seconds"/>: it is appended to the attempts, and the trial's time is their sum.</summary>
    public RunRecord Finished(RunStatus status, double seconds)
    {
        IReadOnlyList<double> attempts = [.. AttemptSeconds ?? [], Math.Round(seconds, 3)];
        return this with { Status = status, Ended = DateTimeOffset.UtcNow, AttemptSeconds = attempts, Seconds = Math.Round(attempts.Sum(), 3) };
    }

    /// <summary>Reads run.json; null when missing or unreadable (a crash mid-write cannot happen: writes are atomic).</summary>
    public static RunRecord? TryRead(string trialDir) => TryRead(TrialFolder.ByPath(trialDir));

    /// <summary>Reads run.json of a folder opened once (see <see cref="TrialFolder"/>); null as <see cref="TryRead(string)"/>.</summary>
    public static RunRecord? TryRead(TrialFolder folder)
    {
        // Through the safe open: a run.json that is a link out of out/log, or a FIFO, reads as absent.
        // From its bytes (no text decoded first: a report reads 10,000 of them); a byte-order mark is skipped, as a text reader would.
        // Read as the serializer reads it, without its converters where the file is plain (see RunJson).
        try { return folder.ReadOwn(TrialFiles.Run) is { } bytes ? RunJson.Read(bytes.AsSpan(bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0)) : null; }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException) { return null; }
    }

    public void Write(string trialDir) =>
        AtomicFile.WriteAllText(Path.Combine(trialDir, TrialFiles.Run), JsonSerializer.Serialize(this, TrialJson.Default.RunRecord));
}

/// <summary>Which data a trial trained on.</summary>
public sealed record DataRecord(string Name, string Source, int TrainSamples, int ValSamples, string Checksum);
