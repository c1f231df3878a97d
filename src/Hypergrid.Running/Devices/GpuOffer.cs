namespace Hypergrid.Running.Devices;

/// <summary>How many GPUs one worker's trial can get from a launcher, named for the error when a trial asks for more.</summary>
/// <param name="Count">The most GPUs one trial can hold (0: the run has none).</param>
/// <param name="Where">What gives them, as the error names it ("--gpus 0,1", "each Slurm task (--gres gpu:2)").</param>
/// <param name="Fix">How to give more, or ask for fewer.</param>
public sealed record GpuOffer(int Count, string Where, string Fix);
