using System.Buffers.Binary;
using System.Text;
using Hypergrid.Dashboard.Figures;

namespace Hypergrid.Dashboard.Tests.Figures;

/// <summary>
/// The font a PDF embeds holds the glyphs drawn and every glyph those are built of, under their own numbers, and
/// nothing else; it is a well-formed font (table and file checksums).
/// </summary>
public sealed class TrueTypeSubsetTests
{
    private static readonly TrueTypeFont Arimo = FigureFont.Font;

    [Fact]
    public void An_accented_letter_keeps_its_letter_and_its_accent()
    {
        var eacute = Arimo.Glyph('é');
        var parts = Arimo.Components(eacute);
        Assert.Contains(Arimo.Glyph('e'), parts);
        Assert.Equal(2, parts.Count);
        var subset = new TrueTypeFont(TrueTypeSubset.Of(Arimo, [eacute]));
        Assert.True(Same(subset.Outline(eacute), Arimo.Outline(eacute)));
        Assert.All(parts, p => Assert.True(subset.Outline(p).Length > 0 && Same(subset.Outline(p), Arimo.Outline(p))));
        Assert.Equal(0, subset.Outline(Arimo.Glyph('Z')).Length); // not drawn, not kept
        Assert.True(subset.Outline(0).Length > 0); // .notdef, which every font must have
    }

    [Fact]
    public void Every_composite_glyph_of_the_font_keeps_every_glyph_it_places_at_any_depth()
    {
        var composites = Enumerable.Range(0, Arimo.GlyphCount).Where(g => Arimo.Components(g).Count > 0).ToList();
        Assert.True(composites.Count > 500, $"{composites.Count} composite glyphs");
        var subset = new TrueTypeFont(TrueTypeSubset.Of(Arimo, composites));
        foreach (var g in composites)
            foreach (var part in Arimo.Components(g))
            {
                Assert.InRange(part, 1, Arimo.GlyphCount - 1);
                Assert.True(Same(subset.Outline(part), Arimo.Outline(part)), $"glyph {g} lost its part {part}");
            }
    }

    [Fact]
    public void Kept_glyphs_keep_their_numbers_and_advances_and_the_rest_are_empty()
    {
        var kept = "Loss ±–Δμ".Select(c => Arimo.Glyph(c)).ToHashSet();
        var subset = new TrueTypeFont(TrueTypeSubset.Of(Arimo, kept));
        Assert.Equal(Arimo.GlyphCount, subset.GlyphCount);
        Assert.Equal(Arimo.UnitsPerEm, subset.UnitsPerEm);
        foreach (var g in kept) Assert.Equal(Arimo.Advance(g), subset.Advance(g));
        var drawn = Enumerable.Range(0, subset.GlyphCount).Where(g => subset.Outline(g).Length > 0).ToHashSet();
        // Drawn: what was asked and .notdef (the space has no outline); nothing else.
        Assert.Equal(kept.Append(0).Where(g => Arimo.Outline(g).Length > 0).Order(), drawn.Order());
    }

    [Fact]
    public void The_subset_is_a_well_formed_font_file()
    {
        var file = TrueTypeSubset.Of(Arimo, "α=0.1 é".Select(c => Arimo.Glyph(c)));
        var tables = BinaryPrimitives.ReadUInt16BigEndian(file.AsSpan(4));
        var tags = new List<string>();
        for (var i = 0; i < tables; i++)
        {
            var entry = file.AsSpan(12 + 16 * i);
            var tag = Encoding.ASCII.GetString(entry[..4]);
            tags.Add(tag);
            var (sum, at, length) = (BinaryPrimitives.ReadUInt32BigEndian(entry[4..]), (int)BinaryPrimitives.ReadUInt32BigEndian(entry[8..]), (int)BinaryPrimitives.ReadUInt32BigEndian(entry[12..]));
            Assert.Equal(0, at % 4);
            var bytes = file.AsSpan(at, length).ToArray();
            if (tag == "head") BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(8), 0); // its checksum is taken with the adjustment 0
            Assert.Equal(sum, Checksum(bytes));
        }
        Assert.Equal(tags.Order(StringComparer.Ordinal), tags);
        Assert.Subset(tags.ToHashSet(), new HashSet<string> { "glyf", "head", "hhea", "hmtx", "loca", "maxp" });
        Assert.Equal(0xB1B0AFBAu, Checksum(file)); // the whole file sums to the magic number with head's adjustment in
    }

    /// <summary>The subset's outline is the font's, padded with zeros to a 4-byte boundary.</summary>
    private static bool Same(ReadOnlySpan<byte> kept, ReadOnlySpan<byte> original) =>
        kept.Length - original.Length is >= 0 and < 4 && kept.StartsWith(original) && !kept[original.Length..].ContainsAnyExcept((byte)0);

    private static uint Checksum(byte[] bytes)
    {
        uint sum = 0;
        for (var at = 0; at < bytes.Length; at += 4)
        {
            var word = new byte[4];
            bytes.AsSpan(at, Math.Min(4, bytes.Length - at)).CopyTo(word);
            sum += BinaryPrimitives.ReadUInt32BigEndian(word);
        }
        return sum;
    }
}
