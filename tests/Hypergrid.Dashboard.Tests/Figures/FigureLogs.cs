using System.Globalization;
using System.Text;
using Hypergrid.Trials;

namespace Hypergrid.Dashboard.Tests.Figures;

/// <summary>
/// A sweep of groups (lr values) of seeds with noisy step logs: train rows every step, a val pass of 4 rows every 100
/// steps, one seed of the last group stopped early; configs with batch_size.
/// </summary>
public static class FigureLogs
{
    public const string Leaf = "sweep/mnist/mlp/adam";

    /// <summary>Writes the trials; returns their paths in order (group by group).</summary>
    public static List<string> Write(LogTree tree, string[] lrs, int seeds, int steps, string? extraKey = null)
    {
        var paths = new List<string>();
        var n = 0;
        foreach (var lr in lrs)
            for (var seed = 0; seed < seeds; seed++)
            {
                var rng = new Random(n * 7 + 1);
                var length = lr == lrs[^1] && seed == seeds - 1 ? steps * 9 / 10 : steps;
                var sb = new StringBuilder("epoch,mode,batch,loss,acc\n");
                for (var i = 0; i < length; i++)
                {
                    var loss = Math.Round(2.0 / (1 + i / 100.0) * (1 + double.Parse(lr, CultureInfo.InvariantCulture)) + rng.NextDouble() * 0.2, 6);
                    sb.Append(CultureInfo.InvariantCulture, $"{i / 100 + 1},train,{i % 100},{loss.ToString("R", CultureInfo.InvariantCulture)},0.5\n");
                    if (i % 100 == 99)
                        for (var b = 0; b < 4; b++)
                            sb.Append(CultureInfo.InvariantCulture, $"{i / 100 + 1},val,{b},{Math.Round(1.0 / (1 + i / 100.0) + rng.NextDouble() * 0.1, 6).ToString("R", CultureInfo.InvariantCulture)},0.6\n");
                }
                var path = $"{Leaf}/trial_{n++:D3}";
                var dir = tree.AddTrial(path, $"lr: {lr}\nseed: {seed}\nbatch_size: 32\n{extraKey}");
                File.WriteAllText(Path.Combine(dir, TrialFiles.BatchLog), sb.ToString());
                paths.Add(path);
            }
        return paths;
    }
}
