using Hypergrid.Trials;
using Hypergrid.Config;

namespace Hypergrid.Training.Data;

/// <summary>A binary copy of a parsed dataset bundle; unreadable or foreign files are ignored and rebuilt.</summary>
public static class SampleCache
{
    private const int Magic = 0x48474443; // "HGDC"

    public static DataBundle? TryRead(string path)
    {
        try
        {
            if (!File.Exists(path)) return null;
            using var r = new BinaryReader(File.OpenRead(path));
            if (r.ReadInt32() != Magic) return null;
            var (name, source, checksum) = (r.ReadString(), r.ReadString(), r.ReadString());
            var shape = Ints(r);
            var classes = r.ReadInt32();
            return new DataBundle(name, source, shape, classes, Floats(r), Longs(r), Floats(r), Longs(r), checksum);
        }
        catch (Exception ex) when (ex is IOException or EndOfStreamException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public static void Write(string path, DataBundle b)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            AtomicFile.Write(path, stream =>
            {
                using var w = new BinaryWriter(stream);
                w.Write(Magic);
                w.Write(b.Name); w.Write(b.Source); w.Write(b.Checksum);
                w.Write(b.Shape.Length); foreach (var d in b.Shape) w.Write(d);
                w.Write(b.Classes);
                Write(w, b.TrainX); Write(w, b.TrainY); Write(w, b.ValX); Write(w, b.ValY);
            });
        }
        catch (IOException) { } // a cache that cannot be written only costs speed
        catch (UnauthorizedAccessException) { }
    }

    private static void Write(BinaryWriter w, float[] a) { w.Write(a.Length); w.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(a.AsSpan())); }
    private static void Write(BinaryWriter w, long[] a) { w.Write(a.Length); w.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(a.AsSpan())); }

    private static int[] Ints(BinaryReader r) => Enumerable.Range(0, r.ReadInt32()).Select(_ => r.ReadInt32()).ToArray();

    private static float[] Floats(BinaryReader r)
    {
        var a = new float[r.ReadInt32()];
        r.BaseStream.ReadExactly(System.Runtime.InteropServices.MemoryMarshal.AsBytes(a.AsSpan()));
        return a;
    }

    private static long[] Longs(BinaryReader r)
    {
        var a = new long[r.ReadInt32()];
        r.BaseStream.ReadExactly(System.Runtime.InteropServices.MemoryMarshal.AsBytes(a.AsSpan()));
        return a;
    }
}
