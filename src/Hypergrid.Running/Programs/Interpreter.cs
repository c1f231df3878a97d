using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Hypergrid.Trials.Code;

namespace Hypergrid.Running.Programs;

/// <summary>
/// What runs a program's code, for run.json: the command's first word as found on PATH, or, when that is a script of the
/// study (<c>./train.sh</c>), the program its #! line names. A Python's version is asked once per worker and path.
/// </summary>
public static partial class Interpreter
{
    private static readonly ConcurrentDictionary<string, string?> Versions = new(StringComparer.Ordinal);

    /// <summary>The interpreter of an argument list whose first word is already resolved (see <see cref="ProgramProcess.Resolve"/>).</summary>
    public static InterpreterRecord Of(string program, string workingDir)
    {
        // A script of the study's own (./train.sh) names its interpreter; a program from PATH (a pyenv shim, too) is it.
        var inStudy = Path.GetFullPath(program).StartsWith(Path.GetFullPath(workingDir).TrimEnd('/') + "/", StringComparison.Ordinal);
        if (inStudy && Shebang(program) is { } named) program = ProgramProcess.Resolve(named, workingDir) ?? named;
        var real = Real(program);
        var version = real is not null && Python().IsMatch(Path.GetFileName(real)) ? Versions.GetOrAdd(real, Ask) : null;
        return new InterpreterRecord(program, real, version);
    }

    // "#!/usr/bin/env python3" -> python3; "#!/bin/bash -e" -> /bin/bash. Null for a binary or a script without one.
    private static string? Shebang(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read);
            var head = new byte[256];
            var n = stream.Read(head, 0, head.Length);
            if (n < 3 || head[0] != '#' || head[1] != '!') return null;
            var line = System.Text.Encoding.UTF8.GetString(head, 2, n - 2).Split('\n')[0].Trim();
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0) return null;
            return Path.GetFileName(words[0]) == "env" ? words.Skip(1).FirstOrDefault(w => !w.StartsWith('-')) : words[0];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { return null; }
    }

    private static string? Real(string path)
    {
        try { return File.Exists(path) ? (File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName ?? Path.GetFullPath(path)) : null; }
        catch (IOException) { return Path.GetFullPath(path); }
    }

    // "Python 3.11.2" (older Pythons print it on stderr).
    private static string? Ask(string python)
    {
        try
        {
            var info = new System.Diagnostics.ProcessStartInfo(python, ["--version"]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var p = System.Diagnostics.Process.Start(info)!;
            var output = p.StandardOutput.ReadToEndAsync();
            var errors = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(TimeSpan.FromSeconds(10))) { p.Kill(); return null; }
            var text = (output.Result + errors.Result).Trim();
            return text.StartsWith("Python ", StringComparison.Ordinal) ? text["Python ".Length..].Split('\n')[0].Trim() : null;
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or IOException or InvalidOperationException) { return null; }
    }

    [GeneratedRegex(@"^(python|pypy)[0-9.]*$")]
    private static partial Regex Python();
}
