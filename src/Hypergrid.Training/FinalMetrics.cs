namespace Hypergrid.Training;

/// <summary>The last val pass's loss and accuracy, the best val accuracy, and the epochs run.</summary>
public sealed record FinalMetrics(double? ValLoss = null, double? ValAcc = null, double? BestValAcc = null, int Epochs = 0);
