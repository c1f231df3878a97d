using System.Diagnostics;
using Hypergrid.Trials;

namespace Hypergrid.Tests;

/// <summary>A temp folder with a cfg tree on the synthetic dataset, and a way to run the real CLI in it.</summary>
public sealed class Study : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("hypergrid-study-").FullName;
    public string Log => Path.Combine(Root, "out", "log");

    public Study Write(string folder, string yaml)
    {
        var dir = Path.Combine(Root, "cfg", folder);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "cfg.yaml"), yaml);
        return this;
    }

    public string Trial(string leaf, int n) => Path.Combine(Log, leaf, $"trial_{n:D3}");

    public bool IsComplete(string leaf, int n) => File.Exists(Path.Combine(Trial(leaf, n), TrialFiles.BatchLog));

    /// <summary>How many times a trial started training, from its worker log.</summary>
    public int Starts(string leaf, int n)
    {
        var log = Path.Combine(Trial(leaf, n), TrialFiles.WorkerLog);
        return File.Exists(log) ? File.ReadLines(log).Count(l => l.Contains(" start on ")) : 0;
    }

    /// <summary>Waits (up to a minute) until a trial's partial log has rows: it is mid-training.</summary>
    public static void WaitUntilTraining(string trialDir)
    {
        var partial = Path.Combine(trialDir, TrialFiles.PartialLog);
        var clock = Stopwatch.StartNew();
        while (!(File.Exists(partial) && File.ReadAllLines(partial).Length > 3) && clock.Elapsed < TimeSpan.FromMinutes(1)) Thread.Sleep(50);
    }

    public Process Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "hypergrid.dll"));
        foreach (var a in args) info.ArgumentList.Add(a);
        return Process.Start(info)!;
    }

    public (int Code, string Output) Run(params string[] args)
    {
        using var p = Start(args);
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(3))) { p.Kill(true); throw new TimeoutException(string.Join(' ', args)); }
        return (p.ExitCode, stdout.Result + stderr.Result);
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, true); } catch (IOException) { }
    }
}
