using Hypergrid.Trials;

namespace Hypergrid.Findings;

/// <summary>
/// What one worker reading a report's trials keeps from a trial to the next of the same leaf (the listing gives a leaf's
/// trials one after another): the leaf's descriptor, its trials' files stamped relative to it (<see cref="LeafStamper"/>),
/// and the leaf's part of a trial's id, parsed once (a leaf holds hundreds of trials; each id was a full path parsed).
/// </summary>
internal sealed class ReadingLeaf(string logRoot) : IDisposable
{
    private string? leaf;
    private TrialId id;

    /// <summary>Stamps the files of this worker's trials.</summary>
    public LeafStamper Stamps { get; } = new(logRoot);

    /// <summary>The id of the trial folder <paramref name="dir"/>, as <see cref="TrialId.FromDirectory"/> gives it.</summary>
    public TrialId Id(string dir)
    {
        var slash = TrialId.SplitFolder(dir, out var number);
        if (leaf is not null && slash > 0 && dir.AsSpan(0, slash).SequenceEqual(leaf)) return id with { Number = number };
        id = TrialId.FromDirectory(dir);
        leaf = slash > 0 ? dir[..slash] : null;
        return id;
    }

    public void Dispose() => Stamps.Dispose();
}
