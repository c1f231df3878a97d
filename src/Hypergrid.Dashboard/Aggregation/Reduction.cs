namespace Hypergrid.Dashboard.Aggregation;

/// <summary>How a batch-log column becomes one value per (epoch, phase).</summary>
public enum Reduction { Mean, Last, Median, Max }

/// <summary>The reduction rules of the spec: mean unless a column is named here.</summary>
public static class Reductions
{
    public static Reduction For(string column) => column switch
    {
        "lr" or "iter_budget" => Reduction.Last,
        "grad_norm" or "error_min" or "error_med" or "error_max" or "iter_min" or "iter_med" or "iter_max" => Reduction.Median,
        "time" => Reduction.Max,
        _ => Reduction.Mean,
    };
}
