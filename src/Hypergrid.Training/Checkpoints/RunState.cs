using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using Hypergrid.Training.Logging;
using Hypergrid.Training.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Hypergrid.Training.Checkpoints;

/// <summary>
/// What the training loop carries between batches besides tensors: training seconds (continued across resumes),
/// the checkpoint timer and the best val metrics so far. Writes the checkpoints, off the training thread
/// (<see cref="CheckpointWriter"/>); a stop and the end of the run wait for the last one.
/// </summary>
internal sealed class RunState(Checkpointing? checkpoints, nn.Module model, Optimizers.IStepper optimizer, IBatchSink sink, int epochs, int batches)
    : IDisposable
{
    private readonly CheckpointWriter? writer = checkpoints is null ? null : new CheckpointWriter(checkpoints, sink);
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private double offset;
    private long lastSave = Stopwatch.GetTimestamp();
    private double? bestLoss;
    private double? bestAcc;

    public bool Enabled => checkpoints is not null;

    /// <summary>Training seconds: this attempt's plus those of the attempts it continues.</summary>
    public double Seconds => offset + clock.Elapsed.TotalSeconds;

    public bool Due => checkpoints is not null && Stopwatch.GetElapsedTime(lastSave) >= checkpoints.Every;

    /// <summary>Restores the checkpoint being continued, if any; returns the 1-based epoch and the batch to start at.</summary>
    public (int Epoch, int Batch) Resume()
    {
        if (checkpoints?.ResumeFrom is not { } from) return (1, 0);
        var h = from.Header;
        if (h.Batches != batches || h.Epochs != epochs)
            throw new InvalidDataException($"it was made for {h.Epochs} epochs of {h.Batches} batches, this trial has {epochs} of {batches}");
        from.Restore(model, optimizer);
        offset = h.Seconds;
        bestLoss = h.BestValLoss;
        bestAcc = h.BestValAcc;
        return (h.Epoch, h.Batch);
    }

    public void EpochDone(double valLoss, double valAcc)
    {
        if (double.IsFinite(valLoss) && !(valLoss >= bestLoss)) bestLoss = valLoss;
        if (double.IsFinite(valAcc) && !(valAcc <= bestAcc)) bestAcc = valAcc;
    }

    /// <summary>
    /// Checkpoints the point before train batch <paramref name="batch"/> of <paramref name="epoch"/>: the state is copied
    /// now and written while training goes on (<see cref="Wait"/> waits for it); the log is synced before it is renamed in.
    /// </summary>
    public void Save(int epoch, int batch, ISolverModel? solver, LogPosition? at = null)
    {
        if (checkpoints is null || writer is null) return;
        var position = at ?? sink.Written();
        var header = checkpoints.Template with
        {
            Epoch = epoch, Batch = batch, Epochs = epochs, Batches = batches, Rows = position.Rows, Bytes = position.Bytes,
            Seconds = Math.Round(Seconds, 6), IterBudget = solver?.IterBudget, BestValLoss = bestLoss, BestValAcc = bestAcc,
            Created = DateTimeOffset.UtcNow,
        };
        writer.Begin(header, model, optimizer);
        lastSave = Stopwatch.GetTimestamp();
    }

    /// <summary>Waits until the last checkpoint begun is written and renamed into place; throws what its write threw.</summary>
    public void Wait() => writer?.Wait();

    public void Dispose() => writer?.Dispose();

    /// <summary>Honours a stop request: checkpoints this point, then throws <see cref="OperationCanceledException"/>.</summary>
    [DoesNotReturn]
    public void Stop(int epoch, int batch, ISolverModel? solver, CancellationToken cancel, LogPosition? at = null)
    {
        Save(epoch, batch, solver, at);
        Wait();
        cancel.ThrowIfCancellationRequested();
        throw new OperationCanceledException(cancel);
    }
}
