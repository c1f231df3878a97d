using Hypergrid.Config;

namespace Hypergrid.Cli;

/// <summary>
/// Where a verb writes a file the user named (--output): '-' is standard output; a new file or an existing regular file
/// is written by temp file and rename; anything else (a link such as /dev/stdout, a device, a folder, an empty name) is
/// refused before anything is computed or written, so a run as root never replaces a link or a device with a file.
/// </summary>
public static class OutputFile
{
    /// <summary>Checks <paramref name="path"/>; null for standard output.</summary>
    public static string? Check(string path, string option)
    {
        if (path == "-") return null;
        if (string.IsNullOrWhiteSpace(path)) throw new UsageException($"{option} is empty; give a file name, or - for standard output");
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full)) throw new UsageException($"{option} {path} is a folder; give a file name, or - for standard output");
        var info = new FileInfo(full);
        if (info.Exists && (info.LinkTarget is not null || !Trials.SafeFiles.IsPlainFile(full)))
            throw new UsageException($"{option} {path} is {(info.LinkTarget is not null ? "a link" : "not a regular file")}; only a regular file is replaced (write to - for standard output)");
        if (!Directory.Exists(Path.GetDirectoryName(full))) throw new UsageException($"{option} {path}: the folder {Path.GetDirectoryName(full)} does not exist");
        return full;
    }

    /// <summary>Writes the text where <see cref="Check"/> said.</summary>
    public static void Write(string? checkedPath, string text)
    {
        if (checkedPath is null) Console.Write(text);
        else Trials.AtomicFile.WriteAllText(checkedPath, text);
    }

    /// <summary>Writes the bytes where <see cref="Check"/> said (a figure's PDF, say).</summary>
    public static void WriteBytes(string? checkedPath, byte[] bytes)
    {
        if (checkedPath is null) { using var stdout = Console.OpenStandardOutput(); stdout.Write(bytes); }
        else Trials.AtomicFile.WriteAllBytes(checkedPath, bytes);
    }
}
