using Hypergrid.Config.Expansion;
using Hypergrid.Config.Yaml;

namespace Hypergrid.Config.Devices;

/// <summary>
/// The <c>gpus</c> key: how many GPUs one trial needs at once (0: none). Like <c>slurm</c>, it says how a trial runs, not
/// what it learns: never a hyperparameter. Absent, a trial of a run given GPUs gets one, and a run given none gets none.
/// </summary>
public static class GpuRequest
{
    /// <summary>The key's name: the one place it is spelled.</summary>
    public const string Key = "gpus";

    /// <summary>The most GPUs a trial may ask for (more is surely a typo: no machine or Slurm task holds that many).</summary>
    public const int Most = 64;

    /// <summary>The trial's <c>gpus</c> value, or null when it does not set one; a value that is not a count is added to <paramref name="errors"/>.</summary>
    public static int? Of(TrialConfig config, List<ConfigError> errors)
    {
        if (config.Entry(Key) is not { } entry) return null;
        if (entry.Value is CfgScalar { Integer: { } n } && n is >= 0 and <= Most) return (int)n;
        errors.Add(Errors.GpusNotACount(entry.KeyMark, entry.Value is CfgScalar s ? $"'{s.Text}'" : "not one number"));
        return null;
    }

    /// <summary>The GPUs a trial gets: what it asks for, else one when the run has GPUs to give and none when it has not.</summary>
    public static int Needed(int? asked, int available) => asked ?? (available > 0 ? 1 : 0);
}
