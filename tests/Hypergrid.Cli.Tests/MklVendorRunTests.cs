using System.Globalization;
using Hypergrid.Tests;
using Hypergrid.Trials;

namespace Hypergrid.Cli.Tests;

/// <summary>The MKL vendor override through real runs: it is recorded, the switch turns it off, and the numbers agree within float tolerance.</summary>
public class MklVendorRunTests
{
    private const string Leaf = "sweep/mnist/mlp/adam";

    private static (string Mkl, double[] Losses) Train(string? overrideSwitch)
    {
        using var study = new Study().Write("", "seed: 3\nepochs: 1\nval_samples: 8000\nbatch_size: 100\n").Write(Leaf, "hidden: [[128]]\nlr: 0.002");
        var env = overrideSwitch is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["HYPERGRID_MKL_VENDOR_OVERRIDE"] = overrideSwitch };
        var (code, output) = study.RunWith(env, "sweep");
        Assert.True(code == 0, output);
        var trial = study.Trial(Leaf, 0);
        var lines = File.ReadAllLines(Path.Combine(trial, TrialFiles.BatchLog));
        var loss = Array.IndexOf(lines[0].Split(','), "loss");
        return (RunRecord.TryRead(trial)!.Versions["mkl"], lines.Skip(1).Select(l => double.Parse(l.Split(',')[loss], CultureInfo.InvariantCulture)).ToArray());
    }

    [Fact]
    public void A_run_with_the_override_and_one_without_record_it_and_train_within_float_tolerance()
    {
        var on = Train(null);
        var off = Train("0");
        var vendor = Training.Native.MklVendor.CpuVendor();
        if (vendor == "GenuineIntel")
            Assert.Equal(("not needed (GenuineIntel)", "not needed (GenuineIntel)"), (on.Mkl, off.Mkl));
        else
        {
            Assert.Equal($"Intel code paths enabled on {vendor}", on.Mkl);
            Assert.Equal($"off (HYPERGRID_MKL_VENDOR_OVERRIDE=0) on {vendor}", off.Mkl);
        }
        Assert.Equal(on.Losses.Length, off.Losses.Length);
        var worst = on.Losses.Zip(off.Losses, (a, b) => Math.Abs(a - b) / Math.Max(1e-3, Math.Abs(b))).Max();
        Assert.True(worst < 1e-3, $"largest relative loss difference {worst:G3}");
    }
}
