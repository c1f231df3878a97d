using Hypergrid.Trials;
using Hypergrid.Trials.Posix;

namespace Hypergrid.Dashboard.Trials;

/// <summary>
/// What the trial list took from one finished trial's files, kept in out/log's list index: the stamps of its cfg.yaml,
/// run.json and batch log as they were read (see <see cref="TrialListIndex.Files"/>), its state and note, the part of its
/// run record the list and the page's lookups show (status, data, seconds, GPUs, final metrics; no code: a program's
/// result is judged against today's code on every scan and is never indexed), and the config shown.
/// </summary>
internal sealed record TrialListIndexEntry(FileStamp[] Stamps, TrialState State, string? Note, RunRecord? Run, ShownConfig? Config)
{
    /// <summary>The trial's record at <paramref name="dir"/>, as a read of the same files gives it for what the list shows.</summary>
    public TrialRecord Record(TrialId id, string dir) => new(id, dir, State, Note, null, Run);
}
