namespace Hypergrid.Config.Trainers;

/// <summary>Where an attempt is: epoch (1-based) of epochs (0: not known), batch (0-based) of the epoch's batches, the last batch's loss.</summary>
public delegate void AttemptProgress(int epoch, int epochs, int batch, int batches, double loss);
