using System.Text;

namespace Hypergrid.Training.Native;

/// <summary>
/// Marks chosen version needs of an ELF64 little-endian shared library as weak (VER_FLG_WEAK in
/// the vna_flags of their Vernaux entry in .gnu.version_r), so the loader accepts a libstdc++ that
/// lacks them. Only safe when no symbol the library uses is bound to that version.
/// </summary>
public static class ElfVersionPatch
{
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlgWeak = 0x2;

    /// <summary>Every (file, version) the library needs, e.g. ("libstdc++.so.6", "GLIBCXX_3.4.32").</summary>
    public static List<(string File, string Version)> Needs(byte[] elf)
    {
        var found = new List<(string, string)>();
        Walk(elf, (file, version, _) => found.Add((file, version)));
        return found;
    }

    /// <summary>Sets the weak flag on each listed version need; returns how many entries changed.</summary>
    public static int MarkWeak(byte[] elf, IReadOnlySet<string> versions)
    {
        var changed = 0;
        Walk(elf, (_, version, auxOffset) =>
        {
            if (!versions.Contains(version)) return;
            var flags = BitConverter.ToUInt16(elf, auxOffset + 4);
            if ((flags & VerFlgWeak) != 0) return;
            BitConverter.TryWriteBytes(elf.AsSpan(auxOffset + 4, 2), (ushort)(flags | VerFlgWeak));
            changed++;
        });
        return changed;
    }

    private static void Walk(byte[] elf, Action<string, string, int> visit)
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[4] != 2 || elf[5] != 1)
            throw new InvalidDataException("not a 64-bit little-endian ELF file");
        var shoff = checked((int)BitConverter.ToInt64(elf, 0x28));
        int shentsize = BitConverter.ToUInt16(elf, 0x3A), shnum = BitConverter.ToUInt16(elf, 0x3C);
        for (var i = 0; i < shnum; i++)
        {
            var sh = shoff + i * shentsize;
            if (BitConverter.ToUInt32(elf, sh + 4) != ShtGnuVerneed) continue;
            var offset = (int)BitConverter.ToInt64(elf, sh + 0x18);
            var strings = (int)BitConverter.ToInt64(elf, shoff + (int)BitConverter.ToUInt32(elf, sh + 0x28) * shentsize + 0x18);
            for (var vn = offset; ; )
            {
                var count = BitConverter.ToUInt16(elf, vn + 2);
                var file = CString(elf, strings + (int)BitConverter.ToUInt32(elf, vn + 4));
                var aux = vn + (int)BitConverter.ToUInt32(elf, vn + 8);
                for (var j = 0; j < count; j++)
                {
                    visit(file, CString(elf, strings + (int)BitConverter.ToUInt32(elf, aux + 8)), aux);
                    var nextAux = BitConverter.ToUInt32(elf, aux + 12);
                    if (nextAux == 0) break;
                    aux += (int)nextAux;
                }
                var next = BitConverter.ToUInt32(elf, vn + 12);
                if (next == 0) break;
                vn += (int)next;
            }
        }
    }

    private static string CString(byte[] bytes, int start) =>
        Encoding.ASCII.GetString(bytes, start, Array.IndexOf(bytes, (byte)0, start) - start);
}
