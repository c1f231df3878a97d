using Hypergrid.Trials;

namespace Hypergrid.Dashboard.Api;

/// <summary>Request paths to trial folders and files: the syntax check of <see cref="SafePath"/>, then the real-path check of <see cref="SafeFiles"/>.</summary>
public static class TrialPaths
{
    /// <summary>The real folder of a trial id (mode/dataset/model/trainer/trial_###) under out/log, or null.</summary>
    public static string? Folder(string logRoot, string trial) =>
        TrialId.TryParse(trial) is not null && SafePath.Resolve(logRoot, trial) is { } dir ? SafeFiles.Resolve(logRoot, dir, folder: true) : null;
}
