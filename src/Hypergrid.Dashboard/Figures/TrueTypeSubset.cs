using System.Buffers.Binary;
using System.Text;

namespace Hypergrid.Dashboard.Figures;

/// <summary>
/// A TrueType font cut down to the glyphs a document draws, for embedding in a PDF (FontFile2). Glyph numbers are
/// kept: every other glyph is left empty (zero length in loca, zero advance in hmtx), so a composite glyph's references
/// stay valid without rewriting it, and the PDF's glyph numbers are the font's own. The empty entries cost a few hundred
/// bytes once the file is Flate-compressed. Only the tables a PDF viewer reads from an embedded CID font are written
/// (head, hhea, maxp, hmtx, loca, glyf, and the hinting tables cvt, fpgm, prep, gasp where present; the set Apache
/// PDFBox embeds for a CID font): the PDF itself says which glyph each character is, so cmap, names and layout tables
/// are left out.
/// </summary>
public static class TrueTypeSubset
{
    private static readonly string[] Kept = ["cvt ", "fpgm", "gasp", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "prep"];

    /// <summary>The glyphs to keep: those asked for, .notdef, and every glyph a kept composite glyph is built of.</summary>
    public static SortedSet<int> Closure(TrueTypeFont font, IEnumerable<int> glyphs)
    {
        var kept = new SortedSet<int> { 0 };
        var todo = new Stack<int>(glyphs.Where(g => g >= 0 && g < font.GlyphCount));
        while (todo.Count > 0)
        {
            var g = todo.Pop();
            if (!kept.Add(g)) continue;
            foreach (var part in font.Components(g)) if (part < font.GlyphCount && !kept.Contains(part)) todo.Push(part);
        }
        return kept;
    }

    /// <summary>The font file with only these glyphs (and what they need) drawn.</summary>
    public static byte[] Of(TrueTypeFont font, IEnumerable<int> glyphs)
    {
        var kept = Closure(font, glyphs);
        using var glyf = new MemoryStream();
        var loca = new byte[4 * (font.GlyphCount + 1)];
        var hmtx = new byte[font.TableBytes("hmtx").Length];
        var hmtxIn = font.TableBytes("hmtx");
        var longMetrics = BinaryPrimitives.ReadUInt16BigEndian(font.TableBytes("hhea")[34..]);
        // The last long metric's advance is also every later glyph's: it is always kept.
        hmtxIn.Slice(4 * (longMetrics - 1), 4).CopyTo(hmtx.AsSpan(4 * (longMetrics - 1)));
        for (var g = 0; g < font.GlyphCount; g++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(loca.AsSpan(4 * g), (uint)glyf.Position);
            if (!kept.Contains(g)) continue;
            glyf.Write(font.Outline(g));
            while (glyf.Position % 4 != 0) glyf.WriteByte(0); // glyphs start on 4-byte boundaries
            // A glyph past the last long metric has only its left side bearing in hmtx; its advance is the last one's.
            var (metric, size) = g < longMetrics ? (4 * g, 4) : (4 * longMetrics + 2 * (g - longMetrics), 2);
            if (metric + size <= hmtx.Length) hmtxIn.Slice(metric, size).CopyTo(hmtx.AsSpan(metric));
        }
        BinaryPrimitives.WriteUInt32BigEndian(loca.AsSpan(4 * font.GlyphCount), (uint)glyf.Position);
        var head = font.TableBytes("head").ToArray();
        BinaryPrimitives.WriteUInt32BigEndian(head.AsSpan(8), 0); // checkSumAdjustment, set once the file is whole
        BinaryPrimitives.WriteInt16BigEndian(head.AsSpan(50), 1); // loca holds 32-bit offsets
        var tables = new SortedDictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["glyf"] = glyf.ToArray(), ["head"] = head, ["hmtx"] = hmtx, ["loca"] = loca,
        };
        foreach (var tag in Kept)
            if (!tables.ContainsKey(tag) && font.TableBytes(tag).Length > 0) tables[tag] = font.TableBytes(tag).ToArray();
        return Assemble(tables);
    }

    private static byte[] Assemble(SortedDictionary<string, byte[]> tables)
    {
        var n = tables.Count;
        var power = 1;
        while (power * 2 <= n) power *= 2;
        var file = new MemoryStream();
        var header = new byte[12 + 16 * n];
        BinaryPrimitives.WriteUInt32BigEndian(header, 0x00010000);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(4), (ushort)n);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(6), (ushort)(power * 16));
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(8), (ushort)Math.Log2(power));
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(10), (ushort)(n * 16 - power * 16));
        file.Write(header);
        var i = 0;
        var headAt = 0L;
        foreach (var (tag, bytes) in tables)
        {
            var entry = header.AsSpan(12 + 16 * i++);
            Encoding.ASCII.GetBytes(tag, entry);
            BinaryPrimitives.WriteUInt32BigEndian(entry[4..], Checksum(bytes));
            BinaryPrimitives.WriteUInt32BigEndian(entry[8..], (uint)file.Position);
            BinaryPrimitives.WriteUInt32BigEndian(entry[12..], (uint)bytes.Length);
            if (tag == "head") headAt = file.Position;
            file.Write(bytes);
            while (file.Position % 4 != 0) file.WriteByte(0);
        }
        var result = file.ToArray();
        header.CopyTo(result, 0);
        BinaryPrimitives.WriteUInt32BigEndian(result.AsSpan((int)headAt + 8), 0xB1B0AFBA - Checksum(result));
        return result;
    }

    private static uint Checksum(byte[] bytes)
    {
        uint sum = 0;
        for (var at = 0; at < bytes.Length; at += 4)
        {
            uint word = 0;
            for (var k = 0; k < 4; k++) word = (word << 8) | (at + k < bytes.Length ? bytes[at + k] : 0u);
            sum += word;
        }
        return sum;
    }
}
