using System.Text.Json;
using System.Text.RegularExpressions;

namespace Hypergrid.Trials.Code;

/// <summary>
/// What a program reports about itself (the Python helper writes it): a small JSON file in its attempt folder, named by
/// HYPERGRID_PROGRAM_INFO, <c>{"versions": {"python": "3.11.2", "torch": "2.1.0"}}</c>. Read after the attempt through
/// the safe open (a link or a FIFO in its place reads as absent, so a program cannot make Hypergrid read outside out/log
/// through it), at most 64 KiB, and only names and versions of a plain form are kept.
/// </summary>
public static partial class ProgramInfo
{
    /// <summary>The file's name in an attempt folder.</summary>
    public const string File = "program_info.json";

    /// <summary>The largest file read.</summary>
    public const int MaxBytes = 64 * 1024;

    /// <summary>The most versions kept.</summary>
    public const int MaxVersions = 64;

    /// <summary>The versions a program reported in its attempt folder, or null (none, or a file that is refused; <paramref name="problem"/> says why).</summary>
    public static SortedDictionary<string, string>? Read(string attemptDir, out string? problem)
    {
        problem = null;
        var path = Path.Combine(attemptDir, File);
        if (!Path.Exists(path) && new FileInfo(path).LinkTarget is null) return null; // a dangling link is refused below
        using var stream = SafeFiles.OpenOwn(path);
        if (stream is null)
        {
            problem = $"{File} is not a regular file of its own (a link, a folder or a FIFO): ignored";
            return null;
        }
        if (stream.Length > MaxBytes)
        {
            problem = $"{File} is {stream.Length} bytes, over {MaxBytes}: ignored";
            return null;
        }
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return Parse(System.Text.Encoding.UTF8.GetString(bytes), out problem);
    }

    /// <summary>The versions of a program_info.json text; entries of another form are left out and named in <paramref name="problem"/>.</summary>
    public static SortedDictionary<string, string>? Parse(string json, out string? problem)
    {
        problem = null;
        JsonElement versions;
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("versions", out var v) || v.ValueKind != JsonValueKind.Object)
            {
                problem = $"{File} has no \"versions\" object: ignored";
                return null;
            }
            versions = v.Clone();
        }
        catch (JsonException ex)
        {
            problem = $"{File} is not JSON ({ex.Message}): ignored";
            return null;
        }
        var kept = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var left = new List<string>();
        foreach (var p in versions.EnumerateObject())
        {
            if (kept.Count < MaxVersions && Name().IsMatch(p.Name) && p.Value.ValueKind == JsonValueKind.String && p.Value.GetString() is { } s && Version().IsMatch(s))
                kept[p.Name] = s;
            else left.Add(p.Name.Length > 40 ? p.Name[..40] + "..." : p.Name);
        }
        if (left.Count > 0) problem = $"{File}: {left.Count} version(s) left out (a name of letters, digits, '.', '_', '-' and a version of at most 100 plain characters are kept): {string.Join(", ", left.Take(5))}";
        return kept.Count == 0 ? null : kept;
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}$")]
    private static partial Regex Name();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_.+\-]{0,99}$")]
    private static partial Regex Version();
}
