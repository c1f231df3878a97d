namespace Hypergrid.Bench;

/// <summary>The standard objectives of `bench search`: Branin and Hartmann-6, with their known optima.</summary>
public static class SearchObjectives
{
    /// <summary>An objective: its name (as search_anchor.py knows it), its space as a leaf writes it, the function and its minimum.</summary>
    public sealed record Objective(string Name, string Space, Func<double[], double> F, double Optimum);

    public static readonly Objective[] All =
    [
        new("branin", "x1: {uniform: [-5, 10]}\nx2: {uniform: [0, 15]}", x => Branin(x[0], x[1]), 0.397887357729739),
        new("hartmann6", string.Concat(Enumerable.Range(1, 6).Select(i => $"x{i}: {{uniform: [0, 1]}}\n")), Hartmann6, -3.32236801141551),
    ];

    /// <summary>Branin-Hoo on [-5, 10] x [0, 15]; minimum 0.397887 at three points.</summary>
    public static double Branin(double x1, double x2)
    {
        const double b = 5.1 / (4 * Math.PI * Math.PI), c = 5 / Math.PI, t = 1 / (8 * Math.PI);
        return Math.Pow(x2 - b * x1 * x1 + c * x1 - 6, 2) + 10 * (1 - t) * Math.Cos(x1) + 10;
    }

    private static readonly double[,] A = { { 10, 3, 17, 3.5, 1.7, 8 }, { 0.05, 10, 17, 0.1, 8, 14 }, { 3, 3.5, 1.7, 10, 17, 8 }, { 17, 8, 0.05, 10, 0.1, 14 } };
    private static readonly double[,] P = { { 1312, 1696, 5569, 124, 8283, 5886 }, { 2329, 4135, 8307, 3736, 1004, 9991 }, { 2348, 1451, 3522, 2883, 3047, 6650 }, { 4047, 8828, 8732, 5743, 1091, 381 } };
    private static readonly double[] Alpha = [1.0, 1.2, 3.0, 3.2];

    /// <summary>Hartmann-6 on [0, 1]^6; minimum -3.32237.</summary>
    public static double Hartmann6(double[] x)
    {
        var sum = 0.0;
        for (var i = 0; i < 4; i++)
        {
            var inner = 0.0;
            for (var j = 0; j < 6; j++) inner += A[i, j] * Math.Pow(x[j] - P[i, j] * 1e-4, 2);
            sum += Alpha[i] * Math.Exp(-inner);
        }
        return -sum;
    }
}
