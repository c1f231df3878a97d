using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Hypergrid.Trials.Code;

/// <summary>
/// Which files are a program trial's code, and their hashes. By default the files its argument list names inside the
/// study folder (<c>python3 train.py --config conf.json</c>: train.py and conf.json; <c>python3 -m pkg.main</c>:
/// pkg/main.py); with <c>code:</c> globs, their matches. Folders given to skip (out/ and cfg/) never count.
/// </summary>
public static class CodeIdentity
{
    /// <summary>The code record of a trial about to run: its files, their hashes, and the study's git commit when there is one.</summary>
    public static CodeRecord Of(string root, IReadOnlyList<string> arguments, IReadOnlyList<string>? globs, IReadOnlyList<string> skip)
    {
        root = Path.GetFullPath(root).TrimEnd('/');
        skip = [.. skip, Path.Combine(root, "cfg")]; // config is not code: its values are the result's parameters
        var paths = globs is { Count: > 0 } ? CodeGlob.Files(root, globs, skip) : Named(root, arguments, skip);
        var files = Hash(root, paths);
        var record = new CodeRecord { Root = root, Files = files, Sha256 = Combine(files), Globs = globs is { Count: > 0 } ? globs : null };
        return Git.Describe(root, record);
    }

    /// <summary>The files an argument list names inside the root (not under a skipped folder), relative and '/' separated.</summary>
    public static SortedSet<string> Named(string root, IReadOnlyList<string> arguments, IReadOnlyList<string> skip)
    {
        var skipped = skip.Select(d => Path.GetFullPath(d).TrimEnd('/') + "/").ToList();
        var found = new SortedSet<string>(StringComparer.Ordinal);
        void Consider(string candidate)
        {
            if (candidate.Length == 0 || candidate.Contains('\0')) return;
            var full = Path.GetFullPath(candidate, root);
            if (!full.StartsWith(root + "/", StringComparison.Ordinal) || skipped.Any(s => full.StartsWith(s, StringComparison.Ordinal))) return;
            if (File.Exists(full) && SafeFiles.IsRegularFile(full)) found.Add(Path.GetRelativePath(root, full).Replace('\\', '/'));
        }
        for (var i = 0; i < arguments.Count; i++)
        {
            var a = arguments[i];
            Consider(a);
            if (a.StartsWith('-') && a.IndexOf('=') is var eq and > 0) Consider(a[(eq + 1)..]); // --config=conf.json
            if (i > 0 && arguments[i - 1] == "-m")
            {
                var module = a.Replace('.', '/');
                Consider(module + ".py");
                Consider(module + "/__main__.py");
            }
        }
        return found;
    }

    /// <summary>The identity of a set of file hashes (order-free: the paths are sorted).</summary>
    public static string? Combine(IReadOnlyDictionary<string, string> files)
    {
        if (files.Count == 0) return null;
        var text = new StringBuilder();
        foreach (var (path, sha) in files.OrderBy(kv => kv.Key, StringComparer.Ordinal)) text.Append(path).Append('\0').Append(sha).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>Each path's hash ("missing" for a file that is gone or not a regular file).</summary>
    public static SortedDictionary<string, string> Hash(string root, IEnumerable<string> paths)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in paths) files[p] = FileHashes.Of(Path.Combine(root, p)) ?? Missing;
        return files;
    }

    /// <summary>What a file that was code and is gone hashes to.</summary>
    public const string Missing = "missing";

    /// <summary>The study's git commit and whether the code files differ from it, asked once per study folder and code hash.</summary>
    private static class Git
    {
        private static readonly ConcurrentDictionary<(string Root, string? Sha), (string? Commit, bool? Dirty)> Known = new();

        public static CodeRecord Describe(string root, CodeRecord record)
        {
            var (commit, dirty) = Known.GetOrAdd((root, record.Sha256), _ => Ask(root, record.Files.Keys.ToList()));
            return record with { GitCommit = commit, GitDirty = commit is null ? null : dirty };
        }

        private static (string?, bool?) Ask(string root, List<string> files)
        {
            if (!InWorkTree(root)) return (null, null);
            var commit = Run(root, ["rev-parse", "--verify", "-q", "HEAD"])?.Trim();
            if (string.IsNullOrEmpty(commit)) return (null, null);
            // Only the code's own files: an edit elsewhere in the work tree is not this study's code.
            if (files.Count == 0) return (commit, false);
            List<string> args = ["status", "--porcelain", "--untracked-files=all", "--"];
            args.AddRange(files.Count > 500 ? ["."] : files);
            var status = Run(root, args);
            return (commit, status is null ? null : status.Length > 0);
        }

        private static bool InWorkTree(string root)
        {
            for (var dir = new DirectoryInfo(root); dir is not null; dir = dir.Parent)
                if (Directory.Exists(Path.Combine(dir.FullName, ".git")) || File.Exists(Path.Combine(dir.FullName, ".git"))) return true;
            return false;
        }

        private static string? Run(string root, IReadOnlyList<string> arguments)
        {
            try
            {
                var info = new System.Diagnostics.ProcessStartInfo("git") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
                info.ArgumentList.Add("-C");
                info.ArgumentList.Add(root);
                foreach (var a in arguments) info.ArgumentList.Add(a);
                info.Environment["GIT_OPTIONAL_LOCKS"] = "0"; // status must not take the index lock of the user's repository
                using var git = System.Diagnostics.Process.Start(info)!;
                var output = git.StandardOutput.ReadToEndAsync();
                _ = git.StandardError.ReadToEndAsync();
                if (!git.WaitForExit(TimeSpan.FromSeconds(10))) { git.Kill(); return null; }
                return git.ExitCode == 0 ? output.Result : null;
            }
            catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or IOException or InvalidOperationException) { return null; } // no git: no provenance
        }
    }
}
