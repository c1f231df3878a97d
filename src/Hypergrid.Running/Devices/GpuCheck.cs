using Hypergrid.Config;
using Hypergrid.Config.Devices;
using Hypergrid.Config.Expansion;

namespace Hypergrid.Running.Devices;

/// <summary>Before anything runs: every trial to train asks for a count of GPUs (a whole number) that its launcher can give.</summary>
public static class GpuCheck
{
    /// <summary>The errors of <paramref name="trials"/> against <paramref name="offer"/> (one per cfg.yaml line that asks too much).</summary>
    public static IReadOnlyList<ConfigError> Errors(IEnumerable<Trial> trials, GpuOffer offer)
    {
        var errors = new List<ConfigError>();
        foreach (var t in trials)
        {
            var asked = GpuRequest.Of(t.Config, errors);
            if (asked is { } n && n > offer.Count && t.Config.Entry(GpuRequest.Key) is { } entry)
                errors.Add(Config.Errors.GpusMoreThanGiven(entry.KeyMark, n, offer.Count, offer.Where, offer.Fix));
        }
        return errors;
    }
}
