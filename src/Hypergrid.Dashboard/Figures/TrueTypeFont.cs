using System.Buffers.Binary;
using System.Text;

namespace Hypergrid.Dashboard.Figures;

/// <summary>
/// The parts of a TrueType font (glyf outlines) that a figure needs: which glyph draws a character (cmap formats 4 and
/// 12), how far each glyph advances (hmtx), each glyph's outline bytes (loca, glyf) and the glyphs a composite glyph is
/// built of. Read once from the font's bytes; nothing here draws or shapes text.
/// </summary>
public sealed class TrueTypeFont
{
    private readonly byte[] data;
    private readonly Dictionary<string, (int Offset, int Length)> tables = [];
    private readonly Dictionary<int, int> cmap = [];
    private readonly int[] loca;
    private readonly int hMetrics;

    public TrueTypeFont(byte[] data)
    {
        this.data = data;
        if (data.Length < 12) throw new InvalidDataException("not a TrueType font: shorter than its header");
        var version = U32(0);
        if (version is not 0x00010000 and not 0x74727565) throw new InvalidDataException($"not a TrueType font with glyf outlines (version 0x{version:X8})");
        for (int i = 0, n = U16(4); i < n; i++)
        {
            var at = 12 + 16 * i;
            tables[Encoding.ASCII.GetString(data, at, 4)] = ((int)U32(at + 8), (int)U32(at + 12));
        }
        foreach (var t in (string[])["head", "hhea", "maxp", "hmtx", "loca", "glyf"])
            if (!tables.ContainsKey(t)) throw new InvalidDataException($"the font has no '{t}' table");
        var head = Table("head");
        UnitsPerEm = U16(head + 18);
        Box = (S16(head + 36), S16(head + 38), S16(head + 40), S16(head + 42));
        var longLoca = S16(head + 50) == 1;
        GlyphCount = U16(Table("maxp") + 4);
        var hhea = Table("hhea");
        (Ascent, Descent) = (S16(hhea + 4), S16(hhea + 6));
        hMetrics = U16(hhea + 34);
        CapHeight = tables.TryGetValue("OS/2", out var os2) && U16(os2.Offset) >= 2 ? S16(os2.Offset + 88) : Ascent;
        loca = new int[GlyphCount + 1];
        var l = Table("loca");
        for (var g = 0; g <= GlyphCount; g++) loca[g] = longLoca ? (int)U32(l + 4 * g) : 2 * U16(l + 2 * g);
        // A font embedded in a PDF may have no cmap (the PDF says which glyph to draw): it maps no character.
        if (tables.ContainsKey("cmap")) ReadCmap();
    }

    public int UnitsPerEm { get; }

    public int GlyphCount { get; }

    /// <summary>The bounding box of all glyphs, in font units.</summary>
    public (int XMin, int YMin, int XMax, int YMax) Box { get; }

    public int Ascent { get; }

    public int Descent { get; }

    public int CapHeight { get; }

    /// <summary>The glyph that draws a Unicode code point, or 0 (.notdef) when the font has none (or no cmap).</summary>
    public int Glyph(int codePoint) => cmap.GetValueOrDefault(codePoint);

    /// <summary>How far a glyph advances, in font units.</summary>
    public int Advance(int glyph) => U16(Table("hmtx") + 4 * Math.Min(glyph, hMetrics - 1));

    /// <summary>A glyph's outline as stored in glyf (empty for a glyph without contours, such as the space).</summary>
    public ReadOnlySpan<byte> Outline(int glyph) => data.AsSpan(Table("glyf") + loca[glyph], loca[glyph + 1] - loca[glyph]);

    /// <summary>The glyphs a composite glyph places (an accented letter: its letter and its accent); none for a simple glyph.</summary>
    public IReadOnlyList<int> Components(int glyph)
    {
        var o = Outline(glyph);
        if (o.Length < 10 || BinaryPrimitives.ReadInt16BigEndian(o) >= 0) return [];
        var parts = new List<int>();
        for (var at = 10; ;)
        {
            var flags = BinaryPrimitives.ReadUInt16BigEndian(o[at..]);
            parts.Add(BinaryPrimitives.ReadUInt16BigEndian(o[(at + 2)..]));
            // The arguments are two words or two bytes; then no scale, one, an x and y scale, or a 2x2 matrix.
            at += 4 + ((flags & 0x0001) != 0 ? 4 : 2) + ((flags & 0x0008) != 0 ? 2 : (flags & 0x0040) != 0 ? 4 : (flags & 0x0080) != 0 ? 8 : 0);
            if ((flags & 0x0020) == 0) return parts;
        }
    }

    /// <summary>A table's bytes, or an empty span when the font has none.</summary>
    public ReadOnlySpan<byte> TableBytes(string tag) =>
        tables.TryGetValue(tag, out var t) ? data.AsSpan(t.Offset, t.Length) : [];

    private int Table(string tag) => tables[tag].Offset;

    private void ReadCmap()
    {
        var c = Table("cmap");
        int best = -1, bestFormat = 0;
        for (int i = 0, n = U16(c + 2); i < n; i++)
        {
            var (platform, encoding) = (U16(c + 4 + 8 * i), U16(c + 6 + 8 * i));
            var sub = c + (int)U32(c + 8 + 8 * i);
            var format = U16(sub);
            // Unicode subtables only: Windows BMP (3,1) or full (3,10), or the Unicode platform (0,*).
            if (!(platform == 0 || (platform == 3 && encoding is 1 or 10)) || format is not (4 or 12)) continue;
            if (format > bestFormat) (best, bestFormat) = (sub, format);
        }
        if (best < 0) throw new InvalidDataException("the font has no Unicode cmap of format 4 or 12");
        if (bestFormat == 12)
        {
            for (long i = 0, n = U32(best + 12); i < n; i++)
            {
                var g = best + 16 + 12 * (int)i;
                for (long cp = U32(g), end = U32(g + 4), gid = U32(g + 8); cp <= end; cp++, gid++) cmap[(int)cp] = (int)gid;
            }
            return;
        }
        var segs = U16(best + 6) / 2;
        var (ends, starts, deltas, ranges) = (best + 14, best + 16 + 2 * segs, best + 16 + 4 * segs, best + 16 + 6 * segs);
        for (var s = 0; s < segs; s++)
        {
            var (start, end, delta, range) = (U16(starts + 2 * s), U16(ends + 2 * s), S16(deltas + 2 * s), U16(ranges + 2 * s));
            for (var cp = start; cp <= end && cp != 0xFFFF; cp++)
            {
                var gid = range == 0 ? (cp + delta) & 0xFFFF : U16(ranges + 2 * s + range + 2 * (cp - start));
                if (range != 0 && gid != 0) gid = (gid + delta) & 0xFFFF;
                if (gid != 0) cmap[cp] = gid;
            }
        }
    }

    private int U16(int at) => BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(at));

    private short S16(int at) => BinaryPrimitives.ReadInt16BigEndian(data.AsSpan(at));

    private uint U32(int at) => BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(at));
}
