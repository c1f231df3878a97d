using System.Globalization;

namespace Hypergrid.Bench;

/// <summary>Whole-epoch figures of a batch log, from its time column (training seconds).</summary>
public sealed record WholeEpochs(List<double> Rates, List<double> BoundaryMs, List<double> BatchMs)
{
    /// <summary>
    /// For epochs 2..N: train samples per second of the whole epoch (from the previous epoch's last val row to this
    /// epoch's last val row), the epoch boundary (from the previous epoch's last val row to the end of this epoch's
    /// first train row, so it includes that batch) and the epoch's median train batch (time between train rows).
    /// </summary>
    public static WholeEpochs FromLog(string path, int trainSamples)
    {
        var rows = File.ReadLines(path).Skip(1).Select(l => l.Split(','))
            .Select(c => (Epoch: int.Parse(c[0], CultureInfo.InvariantCulture), Phase: c[1], Time: double.Parse(c[3], CultureInfo.InvariantCulture))).ToList();
        var epochs = rows.GroupBy(r => r.Epoch).OrderBy(g => g.Key).ToList();
        var result = new WholeEpochs([], [], []);
        for (var i = 1; i < epochs.Count; i++)
        {
            var lastVal = epochs[i - 1].Last(r => r.Phase == "val").Time;
            var train = epochs[i].Where(r => r.Phase == "train").Select(r => r.Time).ToList();
            var steps = train.Zip(train.Skip(1), (x, y) => (y - x) * 1000).Order().ToList();
            var batch = steps[steps.Count / 2];
            result.Rates.Add(trainSamples / (epochs[i].Last(r => r.Phase == "val").Time - lastVal));
            result.BoundaryMs.Add((train[0] - lastVal) * 1000);
            result.BatchMs.Add(batch);
        }
        return result;
    }
}
