using Hypergrid.Training.Native;
using TorchSharp;

namespace Hypergrid.Training.Tests.Native;

public class LibTorchLoaderTests
{
    [Fact]
    public void TorchSharp_loads_with_no_manual_step_and_computes()
    {
        LibTorchLoader.EnsureLoaded();
        using var t = torch.arange(4, torch.ScalarType.Float32);
        Assert.Equal(6f, t.sum().item<float>());
        Assert.NotEqual("not loaded", LibTorchLoader.Outcome);
    }

    [Fact]
    public void On_a_system_libstdcxx_without_GLIBCXX_3_4_32_that_need_is_found_missing_and_patched_weak()
    {
        var lib = Directory.GetFiles(AppContext.BaseDirectory, "libLibTorchSharp.so", SearchOption.AllDirectories).First();
        var bytes = File.ReadAllBytes(lib);
        var needs = ElfVersionPatch.Needs(bytes);
        Assert.Contains(("libstdc++.so.6", "GLIBCXX_3.4.30"), needs);
        var systemHas332 = File.ReadAllText("/lib/x86_64-linux-gnu/libstdc++.so.6").Contains("GLIBCXX_3.4.32\0");
        var missing = LibTorchLoader.MissingVersions(bytes, "/lib/x86_64-linux-gnu/libstdc++.so.6");
        Assert.Equal(!systemHas332 && needs.Contains(("libstdc++.so.6", "GLIBCXX_3.4.32")), missing.Contains("GLIBCXX_3.4.32"));
        Assert.Equal(missing.Count, ElfVersionPatch.MarkWeak(bytes, missing));
        Assert.Equal(0, ElfVersionPatch.MarkWeak(bytes, missing));
    }
}
