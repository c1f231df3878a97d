using System.Reflection;

namespace Hypergrid.Running;

/// <summary>The command line that starts a worker: the same for local workers and cluster tasks.</summary>
public sealed record WorkerCommand(string FileName, IReadOnlyList<string> Prefix)
{
    /// <summary>This program: the apphost itself, or 'dotnet hypergrid.dll' when run through the muxer.</summary>
    public static WorkerCommand Current()
    {
        var process = Environment.ProcessPath ?? "dotnet";
        var entry = Assembly.GetEntryAssembly()?.Location;
        return Path.GetFileNameWithoutExtension(process) == "dotnet" && entry is not null
            ? new WorkerCommand(process, [entry])
            : new WorkerCommand(process, []);
    }

    /// <summary>The full argument list for the worker verb.</summary>
    public IReadOnlyList<string> Arguments(string manifest, WorkerSettings s) =>
        [.. Prefix, "worker", "--manifest", manifest, "--data", s.DataDir, "--threads", s.Threads.ToString(), "--run-id", s.RunId,
            .. s.ProgramDir is null ? Array.Empty<string>() : ["--root", s.ProgramDir],
            .. s.Gpus is null || s.DeviceDir is null ? Array.Empty<string>() : ["--gpus", string.Join(',', s.Gpus), "--per-gpu", s.PerGpu.ToString(), "--devices", s.DeviceDir]];

    /// <summary>A shell-quoted command line, for job scripts.</summary>
    public string ShellLine(string manifest, WorkerSettings s, IEnumerable<string>? extra = null) =>
        ShellWords.Line(new[] { FileName }.Concat(Arguments(manifest, s)).Concat(extra ?? []));
}
