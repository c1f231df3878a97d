using System.Text;
using Hypergrid.Trials;

namespace Hypergrid.Dashboard.Series;

/// <summary>
/// A finished trial's step values on disk, one file per metric under <c>steps/</c> beside the epoch log (temp file +
/// rename), valid while not older than batch_log.csv: a server that starts again reads 8 bytes per row instead of parsing
/// the CSV. A cache that cannot be written is skipped; one that cannot be read is rebuilt.
/// </summary>
public sealed class StepCache(string logRoot, string trialDir)
{
    // HGS2: a val row's empty samples cell is kept as the last train row's count (HGS1 kept NaN): older files are rebuilt.
    private const string Magic = "HGS2";
    private string Folder => Path.Combine(trialDir, TrialFiles.StepCache);
    private string FileOf(string metric) => Path.Combine(Folder, metric + ".bin");

    public bool TryLoad(IReadOnlyList<string> metrics, out Dictionary<(string Phase, string Metric), double[]> values, out Dictionary<string, int> rows)
    {
        values = [];
        rows = [];
        if (metrics.Count == 0) return false;
        var batchStamp = File.GetLastWriteTimeUtc(Path.Combine(trialDir, TrialFiles.BatchLog));
        foreach (var metric in metrics)
        {
            var path = FileOf(metric);
            if (File.GetLastWriteTimeUtc(path) < batchStamp || SafeFiles.ReadAll(logRoot, path) is not { } bytes) return false;
            try
            {
                using var reader = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
                if (reader.ReadString() != Magic) return false;
                for (var phases = reader.ReadInt32(); phases > 0; phases--)
                {
                    var phase = reader.ReadString();
                    var count = reader.ReadInt32();
                    var at = (int)reader.BaseStream.Position;
                    if (count < 0 || at + 8L * count > bytes.Length) return false;
                    // One copy of the little-endian doubles, as written, rather than a read per value.
                    var column = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, double>(bytes.AsSpan(at, 8 * count)).ToArray();
                    reader.BaseStream.Position = at + 8L * count;
                    values[(phase, metric)] = column;
                    rows[phase] = count;
                }
            }
            catch (EndOfStreamException) { return false; }
        }
        return true;
    }

    public void Save(string metric, IReadOnlyDictionary<string, double[]> byPhase)
    {
        try
        {
            Directory.CreateDirectory(Folder);
            AtomicFile.Write(FileOf(metric), stream =>
            {
                using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
                writer.Write(Magic);
                writer.Write(byPhase.Count);
                foreach (var (phase, column) in byPhase)
                {
                    writer.Write(phase);
                    writer.Write(column.Length);
                    writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(column.AsSpan())); // little-endian on x86-64 and arm64, as read back
                }
            });
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { /* answered from memory */ }
    }
}
