using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Hypergrid.Findings;

/// <summary>
/// BinaryWriter's encodings read back from a span, for the caches kept in out/log (the report's, the trial list's
/// index): little-endian integers and doubles, a bool as one byte (0 or 1; anything else is a damaged file), a string as
/// its UTF-8 length (7 bits a byte) and bytes (invalid UTF-8 read as U+FFFD, as BinaryReader's Encoding.UTF8 reads it).
/// A read past the end throws ArgumentOutOfRangeException and a bad length FormatException: a reader takes either as
/// "no cache".
/// </summary>
public ref struct SpanReader(ReadOnlySpan<byte> bytes)
{
    private readonly ReadOnlySpan<byte> bytes = bytes;
    private int at;

    /// <summary>Whether every byte was read.</summary>
    public readonly bool AtEnd => at == bytes.Length;

    /// <summary>How many bytes were read.</summary>
    public readonly int Position => at;

    /// <summary>The next <paramref name="n"/> bytes.</summary>
    public ReadOnlySpan<byte> Bytes(int n)
    {
        var s = bytes.Slice(at, n);
        at += n;
        return s;
    }

    public int Int32() => BinaryPrimitives.ReadInt32LittleEndian(Bytes(4));
    public long Int64() => BinaryPrimitives.ReadInt64LittleEndian(Bytes(8));
    public double Double() => BinaryPrimitives.ReadDoubleLittleEndian(Bytes(8));
    public bool Bool() => Bytes(1)[0] switch { 0 => false, 1 => true, _ => throw new FormatException("not a bool") };
    public string String() => Encoding.UTF8.GetString(Utf8());

    /// <summary>A string written after a bool that says whether there is one.</summary>
    public string? Optional() => Bool() ? String() : null;

    /// <summary>
    /// Fills <paramref name="bytes"/> with the whole file (its length when opened) and checks it whole: false when it was
    /// cut short or grew while read, or its last 8 bytes are not the xxh3 of the rest (a cache written by temp file and
    /// rename, as the report's and the trial list's are). I/O errors are the caller's.
    /// </summary>
    public static bool ReadChecked(SafeFileHandle file, Span<byte> bytes)
    {
        for (var at = 0; at < bytes.Length;)
        {
            var n = RandomAccess.Read(file, bytes[at..], at);
            if (n <= 0) return false; // cut short while read
            at += n;
        }
        Span<byte> more = stackalloc byte[1];
        if (RandomAccess.Read(file, more, bytes.Length) != 0) return false; // grown while read
        Span<byte> hash = stackalloc byte[8];
        XxHash3.Hash(bytes[..^8], hash);
        return hash.SequenceEqual(bytes[^8..]);
    }

    /// <summary>A string's UTF-8 bytes, as BinaryWriter wrote them after their length.</summary>
    public ReadOnlySpan<byte> Utf8()
    {
        var length = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = Bytes(1)[0];
            if (shift == 28 && b > 0x0F) throw new FormatException("a string's length is too long");
            length |= (b & 0x7F) << shift;
            if (b < 0x80) break;
        }
        if (length < 0) throw new FormatException("a string's length is negative");
        return Bytes(length);
    }
}
