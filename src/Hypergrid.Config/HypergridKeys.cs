namespace Hypergrid.Config;

/// <summary>
/// The keys Hypergrid itself reads, whatever trains the trial: the one list a misspelling is checked against and that
/// a program's declared parameters are checked beside.
/// </summary>
public static class HypergridKeys
{
    /// <summary>Every key of Hypergrid's own (the path keys, the run's settings, the built-in trainers' common settings).</summary>
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        "mode", "dataset", "model", "trainer", "seed", "epochs", "device", "batch_metrics", "checkpoint_minutes", "keep_checkpoint",
        "slurm", Programs.ProgramKeys.Code, Programs.ProgramKeys.Command, Programs.ProgramKeys.StopGrace, Programs.ProgramKeys.Params, Search.SearchSpec.Key, Search.SeedsSpec.Key, Devices.GpuRequest.Key,
    };

    /// <summary>Keys that only say how Hypergrid runs a trial: a program cannot declare a parameter of that name.</summary>
    public static readonly IReadOnlySet<string> NotDeclarable = new HashSet<string>(StringComparer.Ordinal)
    {
        "mode", "slurm", Programs.ProgramKeys.Code, Programs.ProgramKeys.Command, Programs.ProgramKeys.StopGrace, Programs.ProgramKeys.Params, Search.SearchSpec.Key, Search.SeedsSpec.Key, Devices.GpuRequest.Key,
    };

    /// <summary>
    /// The key of Hypergrid's own that <paramref name="key"/> misspells (<c>comand</c>, <c>serach</c>, <c>seet</c>), or null:
    /// one edit away (two for keys of eight letters or more); keys shorter than four letters are taken as written.
    /// </summary>
    public static string? Misspelled(string key)
    {
        if (key.Length < 4 || All.Contains(key)) return null;
        return All.Where(k => Spelling.Distance(key.ToLowerInvariant(), k) <= (k.Length >= 8 ? 2 : 1)).Order(StringComparer.Ordinal).FirstOrDefault();
    }
}
