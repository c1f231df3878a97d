using System.Globalization;

namespace Hypergrid.Running.Slurm;

/// <summary>The GPUs a --gres value asks for per task (pure): <c>gpu:2</c>, <c>gpu:a100:2</c>, <c>gpu</c> (one), among other resources.</summary>
public static class GresGpus
{
    public static int Count(string? gres)
    {
        if (string.IsNullOrWhiteSpace(gres)) return 0;
        var total = 0;
        foreach (var item in gres.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = item.Split(':');
            if (parts[0] != "gpu") continue;
            total += parts.Length > 1 && int.TryParse(parts[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 1;
        }
        return total;
    }
}
