using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Hypergrid.Dashboard.Figures;

/// <summary>
/// The figure font as a PDF embeds it: a Type0 font of Identity-H encoding over a CIDFontType2 whose CIDs are Arimo's
/// glyph numbers, its /W the advances <see cref="TextWidth"/> measures by, a subset of the font (FontFile2) holding only
/// the glyphs drawn, and a ToUnicode map so that copied or extracted text is the text drawn (±, –, μ, Δ too).
/// Text is encoded as it is drawn (<see cref="Encode"/>); the objects are written once the page is done.
/// </summary>
public sealed class PdfFont
{
    private readonly SortedDictionary<int, Rune> used = [];

    /// <summary>The text as a PDF hex string of two-byte glyph numbers, noting each glyph for the subset.</summary>
    public string Encode(string text)
    {
        var sb = new StringBuilder("<");
        foreach (var r in text.EnumerateRunes())
        {
            if (FigureFont.Glyph(r) is not { } g) continue;
            // The first character drawn with a glyph is what it copies as ('?' stands for what Arimo lacks).
            if (!used.ContainsKey(g)) used[g] = FigureFont.Font.Glyph(r.Value) == 0 ? new Rune('?') : r;
            sb.Append(g.ToString("X4", CultureInfo.InvariantCulture));
        }
        return sb.Append('>').ToString();
    }

    /// <summary>
    /// The font's five objects, to be numbered from <paramref name="first"/> on: the Type0 font (the one a page's
    /// /Font names), its CIDFont, the font descriptor, the embedded subset and the ToUnicode map.
    /// </summary>
    public IReadOnlyList<byte[]> Objects(int first)
    {
        var font = FigureFont.Font;
        var name = $"{Tag()}+{FigureFont.Name}";
        var subset = TrueTypeSubset.Of(font, used.Keys);
        byte[] packed;
        using (var buffer = new MemoryStream())
        {
            using (var z = new ZLibStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true)) z.Write(subset);
            packed = buffer.ToArray();
        }
        int Em(int units) => (int)Math.Round(units * 1000.0 / font.UnitsPerEm);
        var widths = new StringBuilder();
        foreach (var g in used.Keys) widths.Append(CultureInfo.InvariantCulture, $"{g} [{FigureFont.Width(g)}] ");
        var toUnicode = new StringBuilder(
            "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n" +
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n" +
            "1 begincodespacerange <0000> <FFFF> endcodespacerange\n");
        foreach (var chunk in used.Chunk(100))
        {
            // At most 100 entries per block, as the CMap format asks.
            toUnicode.Append(CultureInfo.InvariantCulture, $"{chunk.Length} beginbfchar\n");
            foreach (var (g, r) in chunk) toUnicode.Append(CultureInfo.InvariantCulture, $"<{g:X4}> <{Utf16(r)}>\n");
            toUnicode.Append("endbfchar\n");
        }
        toUnicode.Append("endcmap CMapName currentdict /CMap defineresource pop end end");
        var (b, cmap) = (font.Box, Encoding.ASCII.GetBytes(toUnicode.ToString()));
        return
        [
            Ascii($"<< /Type /Font /Subtype /Type0 /BaseFont /{name} /Encoding /Identity-H /DescendantFonts [{first + 1} 0 R] /ToUnicode {first + 4} 0 R >>"),
            Ascii($"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /{name} /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> " +
                  $"/FontDescriptor {first + 2} 0 R /CIDToGIDMap /Identity /DW {FigureFont.Width(0)} /W [{widths}] >>"),
            Ascii($"<< /Type /FontDescriptor /FontName /{name} /Flags 32 /FontBBox [{Em(b.XMin)} {Em(b.YMin)} {Em(b.XMax)} {Em(b.YMax)}] " +
                  $"/ItalicAngle 0 /Ascent {Em(font.Ascent)} /Descent {Em(font.Descent)} /CapHeight {Em(font.CapHeight)} /StemV 80 /FontFile2 {first + 3} 0 R >>"),
            [.. Ascii($"<< /Length {packed.Length} /Length1 {subset.Length} /Filter /FlateDecode >>\nstream\n"), .. packed, .. Ascii("\nendstream")],
            [.. Ascii($"<< /Length {cmap.Length} >>\nstream\n"), .. cmap, .. Ascii("\nendstream")],
        ];
    }

    /// <summary>Six capitals from the glyphs kept, as PDF names a subset ("ABCDEF+Arimo"): the same glyphs, the same tag.</summary>
    private string Tag()
    {
        var h = 17u;
        foreach (var g in used.Keys) h = unchecked(h * 31 + (uint)g);
        var tag = new char[6];
        for (var i = 0; i < 6; i++, h /= 26) tag[i] = (char)('A' + h % 26);
        return new string(tag);
    }

    private static string Utf16(Rune r)
    {
        Span<char> units = stackalloc char[2];
        var n = r.EncodeToUtf16(units);
        var sb = new StringBuilder();
        for (var i = 0; i < n; i++) sb.Append(((int)units[i]).ToString("X4", CultureInfo.InvariantCulture));
        return sb.ToString();
    }

    private static byte[] Ascii(string s) => Encoding.ASCII.GetBytes(s);
}
