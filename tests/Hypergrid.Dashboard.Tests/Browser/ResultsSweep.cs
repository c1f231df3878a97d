namespace Hypergrid.Dashboard.Tests.Browser;

/// <summary>The Results' page tests' study: three lr groups of two seeds, complete, each group's loss apart.</summary>
public static class ResultsSweep
{
    public static readonly string[] Lrs = ["0.1", "0.01", "0.001"];

    public static void Write(LogTree tree)
    {
        var n = 0;
        for (var g = 0; g < Lrs.Length; g++)
            for (var seed = 0; seed < 2; seed++)
                tree.AddComplete($"sweep/mnist/cnn/adam/trial_{n++:D3}", $"seed: {seed}\nlr: {Lrs[g]}\n", epochs: 2, batches: 2, scale: 0.5 + 0.3 * g + 0.05 * seed);
    }
}
