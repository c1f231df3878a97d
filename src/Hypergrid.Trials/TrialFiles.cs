using System.Globalization;

namespace Hypergrid.Trials;

/// <summary>The names of a trial's folder and of the files it holds: the one place each name is written.</summary>
public static partial class TrialFiles
{
    /// <summary>The resolved config, in the trial folder and (as the name every config file has) in the cfg tree.</summary>
    public const string Config = "cfg.yaml";
    public const string BatchLog = "batch_log.csv";
    public const string PartialLog = "batch_log.partial.csv";
    public const string FailedLog = "batch_log.failed.csv";
    public const string EpochLog = "epoch_log.csv";

    /// <summary>The dashboard's step cache of a finished log: one file per metric (see /api/series).</summary>
    public const string StepCache = "steps";
    public const string Run = "run.json";
    public const string Claim = "claim.json";
    public const string WorkerLog = "worker.log";

    /// <summary>Where an unfinished trial continues from (removed once it is complete unless keep_checkpoint is true).</summary>
    public const string Checkpoint = "checkpoint.bin";

    /// <summary>A complete trial's final weights, keyed by the module's state-dict names.</summary>
    public const string Weights = "model.safetensors";

    /// <summary>Where earlier results of a retrained trial are kept: previous/&lt;time&gt;/.</summary>
    public const string Previous = "previous";

    /// <summary>The files that make up a result; moved together to previous/ when a trial is retrained.</summary>
    public static readonly IReadOnlyList<string> Results = [BatchLog, EpochLog, Run, WorkerLog, FailedLog, PartialLog, Checkpoint, Weights, Attempt.Folder, Attempt.CheckpointFolder];

    /// <summary>trial_000 … trial_999, wider only past 999.</summary>
    public static string FolderName(int number) => "trial_" + number.ToString("D3", CultureInfo.InvariantCulture);

    public static bool TryParseFolder(string folderName, out int number) => TryParseFolder(folderName.AsSpan(), out number);

    /// <summary>As <see cref="TryParseFolder(string, out int)"/>, for the last part of a path (no string made).</summary>
    public static bool TryParseFolder(ReadOnlySpan<char> folderName, out int number)
    {
        number = 0;
        // Only the name Hypergrid gives a number: trial_0000 beside trial_000 is not a second trial 0. "trial_" and 3 to 9
        // ASCII digits, exactly 3 or without a leading zero (FolderName's D3); no regex or string made (a list reads 100,000).
        var digits = folderName;
        if (!digits.StartsWith("trial_", StringComparison.Ordinal)) return false;
        digits = digits[6..];
        if (digits.Length is < 3 or > 9 || digits.ContainsAnyExceptInRange('0', '9') || digits.Length > 3 && digits[0] == '0') return false;
        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out number);
    }
}
