using System.Diagnostics;

namespace Hypergrid.Bench;

/// <summary>
/// The command a user times: HYPERGRID_BENCH_TOOL when given, else this repository packed and installed as a user does
/// (scripts/install --tool-path, ReadyToRun) into a folder of its own, removed by <see cref="Dispose"/>.
/// HYPERGRID_BENCH_TOOL=none skips what needs the tool, saying so.
/// </summary>
internal sealed class InstalledTool : IDisposable
{
    private readonly string? folder;

    private InstalledTool(string command, string? folder) => (Command, this.folder) = (command, folder);

    /// <summary>The path of the installed 'hypergrid'.</summary>
    public string Command { get; }

    /// <summary>The tool, or null after saying why <paramref name="what"/> is not timed.</summary>
    public static InstalledTool? Get(string what)
    {
        if (Environment.GetEnvironmentVariable("HYPERGRID_BENCH_TOOL") is { } given)
        {
            if (given != "none") return new(given, null);
            Console.WriteLine($"  {what}: not timed (HYPERGRID_BENCH_TOOL=none)");
            return null;
        }
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Hypergrid.slnx"))) dir = dir.Parent;
        if (dir is null) { Console.WriteLine($"  {what}: not timed (no repository above the bench)"); return null; }
        var tools = Directory.CreateTempSubdirectory("hypergrid-bench-tool-").FullName;
        Console.WriteLine("  installing the tool as a user does (scripts/install --tool-path; about a minute) ...");
        using var install = Process.Start(new ProcessStartInfo("bash", [Path.Combine(dir.FullName, "scripts/install"), "--tool-path", tools]) { WorkingDirectory = dir.FullName, RedirectStandardOutput = true })!;
        install.StandardOutput.ReadToEnd();
        install.WaitForExit();
        if (install.ExitCode == 0) return new(Path.Combine(tools, "hypergrid"), tools);
        Console.WriteLine($"  {what}: not timed (scripts/install: exit code {install.ExitCode})");
        Directory.Delete(tools, true);
        return null;
    }

    public void Dispose()
    {
        if (folder is not null) Directory.Delete(folder, true);
    }
}
