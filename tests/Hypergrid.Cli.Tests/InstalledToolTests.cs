using System.Diagnostics;
using Hypergrid.Tests;

namespace Hypergrid.Cli.Tests;

/// <summary>
/// The native command: scripts/install packs the repository as a .NET tool and installs it (here into a folder of the
/// test's own); the installed 'hypergrid' runs a sweep and a report in a study outside the repository.
/// </summary>
public sealed class InstalledToolTests : IDisposable
{
    private readonly string tools = Directory.CreateTempSubdirectory("hypergrid-tool-").FullName;

    public void Dispose() => Directory.Delete(tools, true);

    private static (int Code, string Output) Run(string file, string workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(8))) { p.Kill(true); throw new TimeoutException(file + " " + string.Join(' ', args)); }
        return (p.ExitCode, stdout.Result + stderr.Result);
    }

    private static bool ReadyToRun(string assembly)
    {
        using var pe = new System.Reflection.PortableExecutable.PEReader(File.OpenRead(assembly));
        return pe.PEHeaders.CorHeader is { ManagedNativeHeaderDirectory.Size: > 0 };
    }

    [Fact]
    public void The_installed_command_runs_a_sweep_and_a_report_outside_the_repository()
    {
        var install = Run("bash", Study.Repository, "scripts/install", "--tool-path", tools);
        Assert.True(install.Code == 0, install.Output);
        var hypergrid = Path.Combine(tools, "hypergrid");
        Assert.True(File.Exists(hypergrid), install.Output);
        // Compiled ahead of time (ReadyToRun): a short command does not spend its first half-second in the JIT.
        var assemblies = Directory.GetFiles(Path.Combine(tools, ".store"), "*.dll", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) is "hypergrid.dll" or "Hypergrid.Findings.dll" or "Hypergrid.Trials.dll" or "Spectre.Console.dll").ToList();
        Assert.Equal(4, assemblies.Count);
        Assert.All(assemblies, f => Assert.True(ReadyToRun(f), f + " has no ReadyToRun code"));

        using var study = new Study().Write("", "seed: 0\nepochs: 1\nhidden: [8]\nn_train: 256\n").Write("sweep/synthetic/mlp/adam", "lr: [0.01, 0.02]\n");
        Assert.False(study.Root.StartsWith(Study.Repository, StringComparison.Ordinal));
        var sweep = Run(hypergrid, study.Root, "sweep");
        Assert.True(sweep.Code == 0, sweep.Output);
        Assert.Contains("2 trained, 0 not complete", sweep.Output);
        var report = Run(hypergrid, study.Root, "report", "--format", "csv");
        Assert.True(report.Code == 0, report.Output);
        Assert.Contains("sweep/synthetic,val_acc,sweep/synthetic/mlp/adam,", report.Output); // section, metric, leaf
        var typo = Run(hypergrid, study.Root, "swep");
        Assert.Equal(2, typo.Code);
        Assert.Contains("did you mean 'sweep'?", typo.Output);
    }
}
