namespace Hypergrid.Training;

/// <summary>
/// The devices a trial may name. A normal build uses TorchSharp-cpu; <c>dotnet build -p:HypergridCuda=true</c>
/// selects TorchSharp-cuda-linux instead. The CUDA path (model and tensors moved to the GPU) is untested here:
/// no CUDA package is served to this project's build machines.
/// </summary>
public static class Devices
{
    public static readonly string[] Names = ["cpu", "cuda"];

    /// <summary>Why a device cannot be used by this build on this machine, or null when it can.</summary>
    public static (string Problem, string Hint)? Unavailable(string device)
    {
        if (device != "cuda") return null;
#if HYPERGRID_CUDA
        Native.LibTorchLoader.EnsureLoaded();
        if (TorchSharp.torch.cuda.is_available()) return null;
        return ("is 'cuda', but no CUDA device is visible on this machine", "set device: cpu, or run where nvidia-smi lists a GPU");
#else
        return ("is 'cuda', but this build of Hypergrid uses TorchSharp-cpu",
            "set device: cpu, or build with 'dotnet build -p:HypergridCuda=true' on a machine with an NVIDIA GPU");
#endif
    }
}
