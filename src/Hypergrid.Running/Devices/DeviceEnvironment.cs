namespace Hypergrid.Running.Devices;

/// <summary>
/// What a trial's devices mean to the code that trains it (pure): the environment a program gets
/// (<c>CUDA_VISIBLE_DEVICES</c>, <c>HYPERGRID_DEVICE</c>) and the torch device of a built-in trainer inside a worker
/// that sees the whole pool.
/// </summary>
public static class DeviceEnvironment
{
    /// <summary>The program contract's variable: <c>cuda:0</c> (the first of its GPUs) or <c>cpu</c>.</summary>
    public const string Variable = "HYPERGRID_DEVICE";

    /// <summary>
    /// A program's device variables. A run without GPUs (<paramref name="gpus"/> null) leaves CUDA_VISIBLE_DEVICES as the
    /// worker has it; a trial given none in a run with GPUs sees none (CUDA_VISIBLE_DEVICES empty).
    /// </summary>
    public static IReadOnlyDictionary<string, string> For(IReadOnlyList<string>? gpus) => gpus switch
    {
        null => new Dictionary<string, string> { [Variable] = "cpu" },
        [] => new Dictionary<string, string> { [Variable] = "cpu", ["CUDA_VISIBLE_DEVICES"] = "" },
        _ => new Dictionary<string, string> { [Variable] = "cuda:0", ["CUDA_VISIBLE_DEVICES"] = string.Join(',', gpus) },
    };

    /// <summary>
    /// A built-in trainer's torch device: <c>cuda</c> becomes <c>cuda:i</c>, the trial's first GPU counted in the pool the
    /// worker process sees (its CUDA_VISIBLE_DEVICES is the pool); anything else, or a run without GPUs, is unchanged.
    /// </summary>
    public static string Torch(string device, IReadOnlyList<string>? pool, IReadOnlyList<string>? gpus) => Config.Trainers.TorchDevice.Of(device, pool, gpus);

    /// <summary>How the status line and the page name a trial's devices: "gpu 2", "gpus 0,1", or null without any.</summary>
    public static string? Describe(IReadOnlyList<string>? gpus) => gpus switch
    {
        null or [] => null,
        [var one] => $"gpu {one}",
        _ => $"gpus {string.Join(',', gpus)}",
    };
}
