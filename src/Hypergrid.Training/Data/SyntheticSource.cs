using Hypergrid.Training.Settings;

namespace Hypergrid.Training.Data;

/// <summary>
/// A tiny synthetic classification set for fast tests: Gaussian clusters, one per class, in
/// <c>features</c> dimensions. Generated from <c>data_seed</c>, so it is the same everywhere.
/// </summary>
public sealed record SyntheticSource(int TrainSamples, int ValSamples, int FeatureCount, int Classes, double Noise, int DataSeed) : IDataSource
{
    public int[] Shape => [FeatureCount];

    public static IDataSource Parse(ConfigReader r) => new SyntheticSource(
        r.Int("n_train", 512, min: 1, max: 10_000_000),        // training samples
        r.Int("n_val", 256, min: 1, max: 10_000_000),          // validation samples
        r.Int("features", 16, min: 1, max: 1 << 16),        // input dimensions
        r.Int("classes", 4, min: 2, max: 1 << 16),          // number of clusters / labels
        r.Double("noise", 1.0, min: 0, max: 1e6),       // std of each cluster around its centre
        r.Int("data_seed", 1234, min: 0));            // the data's own seed, independent of the trial seed

    public DataBundle Load(string dataDir)
    {
        var rng = new Random(DataSeed);
        var centres = new float[Classes * FeatureCount];
        for (var i = 0; i < centres.Length; i++) centres[i] = (float)(rng.NextDouble() * 6 - 3);
        (float[] X, long[] Y) Make(int n)
        {
            var x = new float[n * FeatureCount];
            var y = new long[n];
            for (var s = 0; s < n; s++)
            {
                var c = rng.Next(Classes);
                y[s] = c;
                for (var f = 0; f < FeatureCount; f++)
                    x[s * FeatureCount + f] = centres[c * FeatureCount + f] + (float)(Noise * Gaussian(rng));
            }
            return (x, y);
        }
        var (tx, ty) = Make(TrainSamples);
        var (vx, vy) = Make(ValSamples);
        return new DataBundle("synthetic", $"generated (data_seed {DataSeed})", Shape, Classes, tx, ty, vx, vy, $"seed:{DataSeed}");
    }

    private static double Gaussian(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
