namespace Hypergrid.Config.Trainers;

/// <summary>A built-in trainer's torch device inside a worker that sees the whole GPU pool (pure).</summary>
public static class TorchDevice
{
    /// <summary>
    /// <c>cuda</c> becomes <c>cuda:i</c>, the trial's first GPU counted in the pool the worker process sees (its
    /// CUDA_VISIBLE_DEVICES is the pool); anything else, or a run without GPUs, is unchanged.
    /// </summary>
    public static string Of(string device, IReadOnlyList<string>? pool, IReadOnlyList<string>? gpus)
    {
        if (device != "cuda" || pool is null || gpus is not [var first, ..]) return device;
        for (var i = 0; i < pool.Count; i++) if (pool[i] == first) return $"cuda:{i}";
        return device;
    }
}
