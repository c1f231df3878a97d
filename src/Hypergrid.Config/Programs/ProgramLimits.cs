using System.Runtime.InteropServices;
using System.Text;
using Hypergrid.Config.Expansion;
using Hypergrid.Config.Yaml;

namespace Hypergrid.Config.Programs;

/// <summary>
/// What the kernel lets through to a program, checked at expansion instead of failing every run at exec: no argument
/// holds a NUL (it would end the argument there, silently), no argument or environment variable is longer than
/// MAX_ARG_STRLEN (128 KiB), and the arguments with the environment fit in ARG_MAX.
/// </summary>
public static class ProgramLimits
{
    /// <summary>MAX_ARG_STRLEN: the longest argument or environment string, its closing NUL included (32 pages of 4 KiB).</summary>
    public const int MaxString = 128 * 1024;

    /// <summary>What the worker adds besides the config (the trial's paths, the namespace's init, pointers): kept free.</summary>
    private const int Reserve = 16 * 1024;

    /// <summary>Adds an error for each limit the trial's command or environment would break.</summary>
    public static void Check(TrialConfig config, List<ConfigError> errors)
    {
        if (config[ProgramKeys.Command] is not CfgScalar command || CommandTemplate.TryParse(command.Text, out _) is not { } template) return;
        var nul = template.Keys.Where(k => config[k] is { } v && Rendered(v).Contains('\0')).ToList();
        foreach (var key in nul) errors.Add(Errors.NulInArgument(config[key]!.Mark, key));
        if (command.Text.Contains('\0')) errors.Add(Errors.NulInArgument(command.Mark, ProgramKeys.Command));
        if (nul.Count > 0) return;

        var arguments = ProgramSchema.Arguments(config);
        long total = 0;
        foreach (var argument in arguments)
        {
            var bytes = Encoding.UTF8.GetByteCount(argument) + 1L;
            total += bytes + IntPtr.Size;
            if (bytes > MaxString && Largest(config, template.Keys) is { } key)
                errors.Add(Errors.ArgumentTooLong(config[key]!.Mark, key, bytes, MaxString));
        }
        var json = "HYPERGRID_CONFIG_JSON=".Length + Encoding.UTF8.GetByteCount(config.ToJson().ToJsonString()) + 1L;
        if (json > MaxString && Largest(config, config.Entries.Select(e => e.Key)) is { } big)
            errors.Add(Errors.EnvironmentTooLong(config[big]!.Mark, big, json, MaxString));
        total += json + Inherited.Value + Reserve;
        if (errors.Count == 0 && total > ArgMax && Largest(config, config.Entries.Select(e => e.Key)) is { } largest)
            errors.Add(Errors.CommandTooLong(config[largest]!.Mark, largest, total, ArgMax));
    }

    private static string Rendered(CfgNode value) => value is CfgScalar { Kind: ScalarKind.String } s ? s.Text : value.Canonical;

    // The key whose value is longest: the one to name (and to move into a file).
    private static string? Largest(TrialConfig config, IEnumerable<string> keys) =>
        keys.Where(k => config[k] is not null).OrderByDescending(k => Rendered(config[k]!).Length).FirstOrDefault();

    // The environment a worker passes on (the expanding process's, as the worker inherits it), strings and pointers.
    private static readonly Lazy<long> Inherited = new(() =>
        System.Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .Sum(e => Encoding.UTF8.GetByteCount($"{e.Key}={e.Value}") + 1L + IntPtr.Size));

    /// <summary>ARG_MAX: the room for a program's arguments and environment together (sysconf; 2 MiB where unknown).</summary>
    public static long ArgMax { get; } = OperatingSystem.IsLinux() && sysconf(0) is > 0 and var n ? n : 2 * 1024 * 1024;

    // Blittable: no marshalling code, so no unsafe blocks in this project.
    [DllImport("libc")]
    private static extern long sysconf(int name);
}
