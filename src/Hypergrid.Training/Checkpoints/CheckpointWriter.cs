using Hypergrid.Training.Logging;
using Hypergrid.Trials;
using static TorchSharp.torch;

namespace Hypergrid.Training.Checkpoints;

/// <summary>
/// Writes a run's checkpoints off the training thread. <see cref="Begin"/> copies the state as it is now into a buffer
/// (on the caller's thread, so training may change it right after) and returns; another thread then syncs the batch log
/// up to the position the checkpoint names, asks whether it may still write, writes the checkpoint to a temp file, syncs it and renames it over the last
/// one. Until that rename the last checkpoint stays the trial's, whole and matched by its log, so a kill -9 at any
/// moment leaves one that resumes exactly. One write at a time: the next waits for the last, and a failed write is
/// thrown on the training thread by the next <see cref="Begin"/> or <see cref="Wait"/>. The writing thread runs at a lower
/// priority than training (<see cref="WriterThread"/>), so on a shared CPU the write takes what the next batches leave.
/// </summary>
internal sealed class CheckpointWriter(Checkpointing checkpoints, IBatchSink sink) : IDisposable
{
    private readonly MemoryStream body = new();
    private readonly WriterThread thread = new();
    private Task pending = Task.CompletedTask;

    /// <summary>Copies the state and starts writing it as the checkpoint <paramref name="header"/> describes.</summary>
    public void Begin(CheckpointHeader header, nn.Module model, Optimizers.IStepper optimizer)
    {
        Wait(); // the buffer is the last write's until it is done
        CheckpointFile.Serialize(body, header, model, optimizer);
        pending = thread.Run(() =>
        {
            Diagnostics.EpochBoundaryTrace.Mark("write", header.Epoch);
            checkpoints.BeforeWrite?.Invoke(header);
            // Asked as late as can be: a worker that lost its claim must not touch the trial's files.
            if (!checkpoints.MayWrite()) return;
            // The rows the checkpoint names are on disk before the checkpoint is.
            sink.Sync();
            CheckpointFile.WriteBody(checkpoints.Path, new ArraySegment<byte>(body.GetBuffer(), 0, (int)body.Length));
            checkpoints.Written?.Invoke(header);
            Diagnostics.EpochBoundaryTrace.Mark("written", header.Epoch);
        });
    }

    /// <summary>Waits until the last checkpoint begun is the trial's (renamed into place); throws what its write threw.</summary>
    public void Wait()
    {
        var task = pending;
        pending = Task.CompletedTask;
        task.GetAwaiter().GetResult();
    }

    /// <summary>Waits for a write still running (so no thread touches the trial's files after the run), keeping any error to itself.</summary>
    public void Dispose()
    {
        try { pending.Wait(); }
        catch (AggregateException) { } // the run is already ending with its own exception
        thread.Dispose();
        body.Dispose();
    }
}
