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
    public void A_libstdcxx_without_GLIBCXX_3_4_32_is_found_missing_it_and_the_need_is_patched_weak()
    {
        var lib = Directory.GetFiles(AppContext.BaseDirectory, "libLibTorchSharp.so", SearchOption.AllDirectories).First();
        var bytes = File.ReadAllBytes(lib);
        var needs = ElfVersionPatch.Needs(bytes);
        Assert.Contains(("libstdc++.so.6", "GLIBCXX_3.4.32"), needs);
        // Stand-ins for libstdc++ (the loader looks for the version names it defines), so the test means the same on any system.
        var old = StandIn("GLIBCXX_3.4.29", "GLIBCXX_3.4.30", "CXXABI_1.3.13");
        var newer = StandIn(needs.Select(n => n.Version).ToArray());
        try
        {
            var missing = LibTorchLoader.MissingVersions(bytes, old);
            Assert.Contains("GLIBCXX_3.4.32", missing);
            Assert.DoesNotContain("GLIBCXX_3.4.30", missing);
            Assert.Empty(LibTorchLoader.MissingVersions(bytes, newer));
            Assert.Equal(missing.Count, ElfVersionPatch.MarkWeak(bytes, missing));
            Assert.Equal(0, ElfVersionPatch.MarkWeak(bytes, missing));
        }
        finally
        {
            File.Delete(old);
            File.Delete(newer);
        }
    }

    private static string StandIn(params string[] versions)
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, "\u007fELF" + string.Concat(versions.Select(v => v + "\0")));
        return path;
    }
}

public class MklVendorTests
{
    [Fact]
    public void After_loading_MKLs_vendor_check_answers_yes_unless_the_switch_is_off()
    {
        LibTorchLoader.EnsureLoaded();
        var vendor = MklVendor.CpuVendor();
        var off = Environment.GetEnvironmentVariable(MklVendor.Switch) == "0";
        if (vendor == "GenuineIntel") Assert.StartsWith("not needed", LibTorchLoader.Mkl);
        else if (off) Assert.StartsWith("off", LibTorchLoader.Mkl);
        else Assert.Equal($"Intel code paths enabled on {vendor}", LibTorchLoader.Mkl);
        Assert.Equal(off && vendor != "GenuineIntel" ? 0 : 1, MklVendor.IntelCpuTrue());
    }
}
