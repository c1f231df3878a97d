using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Hypergrid.Trials;

namespace Hypergrid.Training.Native;

/// <summary>
/// Makes TorchSharp's native library load on systems whose libstdc++ is older than the one it was
/// built against (Debian 12, Ubuntu 22.04 stop at GLIBCXX_3.4.30; TorchSharp 0.107 asks for 3.4.32
/// only for std::ios_base_library_init, which no relocation uses). When a needed GLIBCXX/CXXABI
/// version is missing, a copy with those needs marked weak is kept in a cache folder and handed to
/// TorchSharp through a DllImport resolver, before TorchSharp first touches native code.
/// </summary>
public static partial class LibTorchLoader
{
    private const string LibName = "libLibTorchSharp.so";
    private static readonly Lock Gate = new();
    private static bool done;

    /// <summary>What happened: "native" (no patch needed), "patched: …", or "not linux".</summary>
    public static string Outcome { get; private set; } = "not loaded";

    /// <summary>What was done about MKL's CPU-vendor check (see <see cref="MklVendor"/>).</summary>
    public static string Mkl { get; private set; } = "not loaded";

    /// <summary>The folder libtorch's libraries were loaded from (null before loading or off Linux).</summary>
    public static string? NativeFolder { get; private set; }

    /// <summary>
    /// The libtorch build this process runs, from the native package the app was published with (its deps.json),
    /// e.g. "libtorch-cpu-linux-x64 2.10.0.1"; "unknown" when no deps.json names one.
    /// </summary>
    public static string LibTorchVersion => libTorchVersion.Value;

    private static readonly Lazy<string> libTorchVersion = new(() =>
    {
        foreach (var deps in Directory.EnumerateFiles(AppContext.BaseDirectory, "*.deps.json"))
        {
            var m = System.Text.RegularExpressions.Regex.Match(File.ReadAllText(deps), "\"(libtorch-[a-z0-9-]+)/([0-9][0-9.]*)\"");
            if (m.Success) return $"{m.Groups[1].Value} {m.Groups[2].Value}";
        }
        return "unknown";
    });

    public static void EnsureLoaded()
    {
        lock (Gate)
        {
            if (done) return;
            done = true;
            if (!OperatingSystem.IsLinux()) { Outcome = "not linux"; return; }
            // Same host, same threads, same numbers: MKL otherwise picks code paths (and thread counts) run by run, which
            // moved the last bits of a loss between two runs of one trial under load. Set in the process's own
            // environment, where MKL reads it when it starts; a value the user set wins.
            SetEnv("MKL_CBWR", "AUTO", 0);
            SetEnv("MKL_DYNAMIC", "FALSE", 0);
            MallocTuning.ApplyFromEnvironment();
            var original = FindLibrary();
            if (original is null) { Outcome = "LibTorchSharp not found beside the app; TorchSharp loads it itself"; return; }
            NativeFolder = Path.GetDirectoryName(original)!;
            var libstdcxx = LoadedLibStdCxx();
            var bytes = File.ReadAllBytes(original);
            var missing = MissingVersions(bytes, libstdcxx);
            if (missing.Count == 0)
            {
                // Loaded here rather than at TorchSharp's first call, so MKL's vendor check is settled before any dispatch.
                NativeLibrary.Load(original);
                Outcome = "native";
            }
            else
            {
                var patched = PatchedCopy(original, bytes, missing);
                var handle = NativeLibrary.Load(patched);
                NativeLibrary.SetDllImportResolver(typeof(TorchSharp.torch).Assembly,
                    (name, _, _) => name is "LibTorchSharp" or LibName ? handle : IntPtr.Zero);
                Outcome = $"patched: {string.Join(", ", missing)} marked weak in {patched}";
            }
            Mkl = MklVendor.Apply(NativeFolder);
        }
    }

    /// <summary>Versions the library asks of libstdc++ that the system's libstdc++ does not define.</summary>
    internal static HashSet<string> MissingVersions(byte[] library, string? libstdcxxPath)
    {
        if (libstdcxxPath is null) return [];
        var defined = File.ReadAllBytes(libstdcxxPath);
        return ElfVersionPatch.Needs(library)
            .Where(n => n.File.StartsWith("libstdc++", StringComparison.Ordinal))
            .Select(n => n.Version)
            .Where(v => !Contains(defined, Encoding.ASCII.GetBytes(v + "\0")))
            .ToHashSet();
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;

    private static string PatchedCopy(string original, byte[] bytes, HashSet<string> missing)
    {
        // One copy per native folder: its sibling links must point at the very files TorchSharp loads
        // itself, or libtorch would be loaded twice from two paths and abort.
        var key = Convert.ToHexStringLower(SHA256.HashData([.. bytes, .. Encoding.UTF8.GetBytes(Path.GetDirectoryName(original)!)]))[..16];
        var dir = Path.Combine(CacheFolder.Root, "libtorchsharp", key);
        var target = Path.Combine(dir, LibName);
        if (File.Exists(target)) return target;
        Directory.CreateDirectory(dir);
        // Its RUNPATH is $ORIGIN, so the siblings (libtorch.so, libc10.so, ...) must sit beside the copy.
        foreach (var sibling in Directory.GetFiles(Path.GetDirectoryName(original)!, "*.so*"))
        {
            var link = Path.Combine(dir, Path.GetFileName(sibling));
            if (Path.GetFileName(sibling) == LibName || File.Exists(link)) continue;
            try { File.CreateSymbolicLink(link, sibling); }
            catch (IOException) when (File.Exists(link)) { }
        }
        ElfVersionPatch.MarkWeak(bytes, missing);
        AtomicFile.WriteAllBytes(target, bytes);
        return target;
    }

    private static string? FindLibrary()
    {
        var baseDir = Path.GetDirectoryName(typeof(TorchSharp.torch).Assembly.Location) ?? AppContext.BaseDirectory;
        foreach (var candidate in new[] { Path.Combine(baseDir, "runtimes", RuntimeInformation.RuntimeIdentifier, "native", LibName),
                                          Path.Combine(baseDir, "runtimes", "linux-x64", "native", LibName),
                                          Path.Combine(baseDir, LibName) })
            if (File.Exists(candidate)) return candidate;
        return null;
    }

    /// <summary>The libstdc++ this process already uses (the .NET host links it), else the usual system path.</summary>
    private static string? LoadedLibStdCxx()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/maps"))
            {
                var i = line.IndexOf('/');
                if (i >= 0 && line.Contains("libstdc++.so", StringComparison.Ordinal)) return line[i..];
            }
        }
        catch (IOException) { }
        foreach (var p in new[] { "/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib64/libstdc++.so.6" })
            if (File.Exists(p)) return p;
        return null;
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnv(string name, string value, int overwrite);
}
