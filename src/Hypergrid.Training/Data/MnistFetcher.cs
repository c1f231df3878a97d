using Hypergrid.Trials;
using System.IO.Compression;
using System.Security.Cryptography;
using Hypergrid.Config;

namespace Hypergrid.Training.Data;

/// <summary>
/// Downloads the four MNIST IDX files, checks each against its MD5 and its IDX header, and only
/// then moves them into the data folder: a failed or interrupted fetch leaves nothing behind.
/// </summary>
public static class MnistFetcher
{
    public const string DefaultSource = "https://ossci-datasets.s3.amazonaws.com/mnist/";

    /// <summary>The published MD5 of each file (the same that torchvision checks).</summary>
    public static readonly IReadOnlyDictionary<string, string> KnownMd5 = new Dictionary<string, string>
    {
        ["train-images-idx3-ubyte.gz"] = "f68b3c2dcbeaaa9fbdd348bbdeb94873",
        ["train-labels-idx1-ubyte.gz"] = "d53e105ee54ea40749a09fcbcd1e9432",
        ["t10k-images-idx3-ubyte.gz"] = "9fb629c4189551a2d022fa330f9573f3",
        ["t10k-labels-idx1-ubyte.gz"] = "ec29112dd5afa0611ce80d1b7f02629c",
    };

    /// <summary>Reports bytes received so far and the total (null when the server does not say) per file.</summary>
    public delegate void Progress(string file, long received, long? total);

    public static async Task<IReadOnlyList<string>> FetchAsync(string dataDir, string source, IReadOnlyDictionary<string, string> md5,
        Progress? progress = null, HttpClient? http = null, CancellationToken cancel = default)
    {
        if (!Uri.TryCreate(source, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new UsageException($"--from {source} is not an http(s) URL; give the base URL of a mirror, e.g. https://example.org/mnist/");
        Directory.CreateDirectory(dataDir);
        var client = http ?? new HttpClient { Timeout = TimeSpan.FromMinutes(10) };
        var temps = new List<(string Temp, string Final)>();
        try
        {
            foreach (var (name, expected) in md5)
            {
                var url = source.TrimEnd('/') + "/" + name;
                var temp = AtomicFile.TempPathFor(Path.Combine(dataDir, name));
                temps.Add((temp, Path.Combine(dataDir, name)));
                string actual;
                try { actual = await Download(client, url, temp, name, progress, cancel); }
                catch (HttpRequestException ex) { throw new UsageException($"{url}: {ex.Message}; check --from, or copy the files into {dataDir} by hand"); }
                if (actual != expected)
                    throw new UsageException($"{url}: MD5 is {actual}, expected {expected}; the file is damaged or not MNIST (nothing was written)");
                CheckIdx(temp, name);
            }
            foreach (var (temp, final) in temps) File.Move(temp, final, overwrite: true);
            return temps.Select(t => t.Final).ToList();
        }
        finally
        {
            foreach (var (temp, _) in temps) if (File.Exists(temp)) File.Delete(temp);
            if (http is null) client.Dispose();
        }
    }

    private static async Task<string> Download(HttpClient client, string url, string temp, string name, Progress? progress, CancellationToken cancel)
    {
        using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancel);
        response.EnsureSuccessStatusCode();
        var total = response.Content.Headers.ContentLength;
        await using var body = await response.Content.ReadAsStreamAsync(cancel);
        await using var file = File.Create(temp);
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        var buffer = new byte[1 << 16];
        long received = 0;
        int n;
        while ((n = await body.ReadAsync(buffer, cancel)) > 0)
        {
            await file.WriteAsync(buffer.AsMemory(0, n), cancel);
            md5.AppendData(buffer, 0, n);
            received += n;
            progress?.Invoke(name, received, total);
        }
        return Convert.ToHexStringLower(md5.GetHashAndReset());
    }

    private static void CheckIdx(string path, string name)
    {
        using var gz = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        var head = new byte[4];
        gz.ReadExactly(head);
        var magic = (head[0] << 24) | (head[1] << 16) | (head[2] << 8) | head[3];
        var expected = name.Contains("images") ? 2051 : 2049;
        if (magic != expected) throw new UsageException($"{name}: not an MNIST IDX file (magic {magic}, expected {expected})");
    }

    /// <summary>Reads an md5sum-style file ("hash  name" per line) for a mirror that serves other files.</summary>
    public static IReadOnlyDictionary<string, string> ReadChecksums(string path)
    {
        var result = new Dictionary<string, string>();
        foreach (var line in File.ReadAllLines(path).Where(l => l.Trim().Length > 0))
        {
            var parts = line.Split([' ', '\t', '*'], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2 || !KnownMd5.ContainsKey(parts[1]))
                throw new UsageException($"{path}: '{line}' is not '<md5>  <one of {string.Join(", ", KnownMd5.Keys)}>'");
            result[parts[1]] = parts[0].ToLowerInvariant();
        }
        if (result.Count != KnownMd5.Count) throw new UsageException($"{path}: needs a line for each of {string.Join(", ", KnownMd5.Keys)}");
        return result;
    }
}
