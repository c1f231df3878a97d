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

    /// <summary>The repository's folder (the one holding Hypergrid.slnx), found from the test's own location.</summary>
    public static string Repository
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Hypergrid.slnx"))) return dir.FullName;
            throw new DirectoryNotFoundException("no Hypergrid.slnx above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>Copies a file of the repository (e.g. examples/stdlib/train.py) into the study's root, beside cfg/.</summary>
    public Study Copy(string repositoryPath, string? name = null)
    {
        File.Copy(Path.Combine(Repository, repositoryPath), Path.Combine(Root, name ?? Path.GetFileName(repositoryPath)), overwrite: true);
        return this;
    }

    /// <summary>Copies a folder of the repository (an example: its program and cfg/ tree) into the study's root.</summary>
    public Study CopyFolder(string repositoryPath)
    {
        var from = Path.Combine(Repository, repositoryPath);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories).Where(f => !f.Contains($"{Path.DirectorySeparatorChar}out{Path.DirectorySeparatorChar}")))
        {
            var to = Path.Combine(Root, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to, overwrite: true);
        }
        return this;
    }

    /// <summary>Writes a file (a program of a test's own) into the study's root.</summary>
    public Study WriteFile(string name, string text)
    {
        File.WriteAllText(Path.Combine(Root, name), text);
        return this;
    }

    public string Trial(string leaf, int n) => Path.Combine(Log, leaf, $"trial_{n:D3}");

    public bool IsComplete(string leaf, int n) => File.Exists(Path.Combine(Trial(leaf, n), TrialFiles.BatchLog));

    /// <summary>How many times a trial started training from scratch, from its worker log.</summary>
    public int Starts(string leaf, int n) => WorkerLogLines(leaf, n, " start on ");

    /// <summary>How many times a trial continued from a checkpoint, from its worker log.</summary>
    public int Resumes(string leaf, int n) => WorkerLogLines(leaf, n, " resume at ");

    private int WorkerLogLines(string leaf, int n, string marker)
    {
        var log = Path.Combine(Trial(leaf, n), TrialFiles.WorkerLog);
        return File.Exists(log) ? File.ReadLines(log).Count(l => l.Contains(marker)) : 0;
    }

    /// <summary>Waits (up to a minute) until a trial's partial log (its own or its attempt's) has more than <paramref name="rows"/> rows.</summary>
    public static void WaitUntilTraining(string trialDir, int rows = 2)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(1))
        {
            try
            {
                if (Attempt.LivePartialLog(trialDir) is { } partial && File.ReadAllLines(partial).Length > rows + 1) return;
            }
            catch (IOException) { }
            Thread.Sleep(50);
        }
    }

    /// <summary>Waits (up to a minute) until a trial has a checkpoint newer than <paramref name="after"/> rows.</summary>
    public static CheckpointHeader WaitForCheckpoint(string trialDir, long after = 0)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(1))
        {
            if (Attempt.LiveCheckpoint(trialDir) is { } path && CheckpointHeader.TryRead(path) is { } h && h.Rows > after) return h;
            Thread.Sleep(20);
        }
        throw new TimeoutException($"no checkpoint past row {after} in {trialDir}");
    }

    /// <summary>The processes running in the study's folder whose command line names <paramref name="name"/> (a program's working folder is the one holding cfg/).</summary>
    public List<int> Processes(string name = "python") =>
        Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).Where(p => int.TryParse(p, out _)).Select(int.Parse!)
            .Where(pid =>
            {
                try { return new DirectoryInfo($"/proc/{pid}/cwd").ResolveLinkTarget(false)?.FullName == Root && File.ReadAllText($"/proc/{pid}/cmdline").Contains(name); }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { return false; }
            }).ToList();

    public Process Start(params string[] args) => StartWith(new Dictionary<string, string>(), args);

    /// <summary>
    /// Runs the CLI and kills it (SIGKILL, the whole process tree) once <paramref name="file"/> exists (or after two
    /// minutes, or when it ended first): a run cut short at a point its files show.
    /// </summary>
    public void KillOnceExists(string file, params string[] args)
    {
        using var run = Start(args);
        var clock = Stopwatch.StartNew();
        while (!File.Exists(file) && clock.Elapsed < TimeSpan.FromMinutes(2) && !run.HasExited) Thread.Sleep(20);
        if (!run.HasExited) run.Kill(entireProcessTree: true);
        run.WaitForExit();
    }

    /// <summary>Starts the CLI with extra environment variables.</summary>
    public Process StartWith(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in environment) info.Environment[key] = value;
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "hypergrid.dll"));
        foreach (var a in args) info.ArgumentList.Add(a);
        return Process.Start(info)!;
    }

    public (int Code, string Output) Run(params string[] args) => RunWith(new Dictionary<string, string>(), args);

    public (int Code, string Output) RunWith(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        using var p = StartWith(environment, args);
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
